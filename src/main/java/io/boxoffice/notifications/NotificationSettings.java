package io.boxoffice.notifications;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How emails go out. The SMTP server itself is Spring's {@code spring.mail.*}; without
 * {@code spring.mail.host} no email is sent (the jobs still run and log what they skipped).
 *
 * @param from the sender of every email
 * @param siteUrl the public address of the site, for links in emails
 * @param maxAttempts how many times an email job tries before it goes to the dead letters
 * @param fanOutBatch how many per-order notices one step of a fan-out enqueues
 * @param sentEmailRetention how long the record of a sent email is kept: the guard against sending
 *     it twice, needed while its job could still run again, and evidence of what was sent
 */
@Validated
@ConfigurationProperties("boxoffice.notifications")
record NotificationSettings(
        @DefaultValue("Boxoffice <tickets@boxoffice.localhost>") @NotBlank
        String from,

        @DefaultValue("http://localhost:8080") @NotBlank String siteUrl,
        @DefaultValue("12") @Min(1) int maxAttempts,
        @DefaultValue("500") @Min(1) int fanOutBatch,
        @DefaultValue("400d") @DurationMin(days = 1) Duration sentEmailRetention) {}
