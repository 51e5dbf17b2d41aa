package io.boxoffice.notifications;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.boxoffice.platform.jdbc.Timestamps;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Renders an email from its templates ({@code mail/<name>.txt} and {@code mail/<name>.html},
 * Mustache) and sends it at most once per kind and subject: the {@code sent_email} row is
 * claimed, the message sent, and the claim committed, in one transaction. A send that fails
 * rolls the claim back, so the job's retry sends again; a job that runs again after a send that
 * committed finds the claim and sends nothing. (Only a crash between the SMTP server's accepting
 * the message and that commit can send twice; the fixed Message-ID lets mail software drop the
 * copy.)
 */
@Component
class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    /** One email to one person. */
    record Email(String kind, UUID subject, String to, String title, String template, Map<String, Object> model) {}

    private final ObjectProvider<JavaMailSender> sender;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final NotificationSettings settings;
    private final Clock clock;
    private final Map<String, Template> templates = new ConcurrentHashMap<>();

    Mailer(
            ObjectProvider<JavaMailSender> sender,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            NotificationSettings settings,
            Clock clock) {
        this.sender = sender;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /** Sends the email unless it was sent before; returns whether it was sent now. */
    boolean sendOnce(Email email) {
        JavaMailSender smtp = sender.getIfAvailable();
        if (smtp == null) {
            log.atInfo().log(
                    "{} email for {} not sent: no SMTP server is configured (spring.mail.host)",
                    email.kind(),
                    email.subject());
            return false;
        }
        String messageId = "<" + email.kind() + "." + email.subject() + "@boxoffice>";
        Boolean sent = transactions.execute(status -> {
            int claimed = jdbc.sql("""
                            insert into sent_email (kind, subject_id, message_id, sent_at)
                            values (:kind, :subject, :messageId, :at)
                            on conflict (kind, subject_id) do nothing
                            """)
                    .param("kind", email.kind())
                    .param("subject", email.subject())
                    .param("messageId", messageId)
                    .param("at", Timestamps.utc(clock.instant()))
                    .update();
            if (claimed == 0) {
                return false;
            }
            smtp.send(render(smtp, email, messageId));
            return true;
        });
        if (!Boolean.TRUE.equals(sent)) {
            log.atDebug().log("{} email for {} was sent before", email.kind(), email.subject());
            return false;
        }
        return true;
    }

    private MimeMessage render(JavaMailSender smtp, Email email, String messageId) {
        Map<String, Object> model = new java.util.HashMap<>(email.model());
        model.put("siteUrl", settings.siteUrl());
        try {
            MimeMessage message = smtp.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(settings.from());
            helper.setTo(email.to());
            helper.setSubject(email.title());
            helper.setSentDate(java.util.Date.from(clock.instant()));
            helper.setText(
                    template(email.template() + ".txt", false).execute(model),
                    template(email.template() + ".html", true).execute(model));
            message.setHeader("Message-ID", messageId);
            return message;
        } catch (MessagingException e) {
            throw new IllegalStateException("email " + email.kind() + " could not be built", e);
        }
    }

    private Template template(String name, boolean html) {
        return templates.computeIfAbsent(name, key -> {
            try (Reader reader = new InputStreamReader(
                    new ClassPathResource("mail/" + key + ".mustache").getInputStream(), StandardCharsets.UTF_8)) {
                return Mustache.compiler().escapeHTML(html).compile(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("no email template " + key, e);
            }
        });
    }
}
