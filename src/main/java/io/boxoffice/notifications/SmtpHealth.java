package io.boxoffice.notifications;

import io.boxoffice.platform.observability.Degraded;
import jakarta.mail.MessagingException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Component {@code smtp}: UP while the SMTP server accepts a connection, DEGRADED while it does
 * not (emails wait in the job queue and are retried; nothing else is affected). Connecting is
 * bounded by {@code mail.smtp.connectiontimeout}.
 */
@Component("smtpHealthIndicator")
class SmtpHealth implements HealthIndicator {

    private final ObjectProvider<JavaMailSender> sender;

    SmtpHealth(ObjectProvider<JavaMailSender> sender) {
        this.sender = sender;
    }

    @Override
    public Health health() {
        if (!(sender.getIfAvailable() instanceof JavaMailSenderImpl smtp)) {
            return Health.up()
                    .withDetail("smtp", "not configured (spring.mail.host): emails are not sent")
                    .build();
        }
        String server = smtp.getHost() + ":" + smtp.getPort();
        try {
            smtp.testConnection();
            return Health.up().withDetail("server", server).build();
        } catch (MessagingException e) {
            return Health.status(Degraded.STATUS)
                    .withDetail("server", server)
                    .withDetail("error", e.getClass().getSimpleName())
                    .withDetail("emails", "queued and retried until it returns")
                    .build();
        }
    }
}
