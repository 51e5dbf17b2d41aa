package io.boxoffice.platform.security;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How Boxoffice signs and checks its tokens.
 *
 * @param jwtSecret the HMAC key (at least 32 bytes); when absent, one is generated once and kept
 *     in the database, so every node sharing the database agrees on it
 * @param tokenTtl how long an access token stays valid
 * @param issuer the {@code iss} claim of issued tokens, checked on every request
 */
@Validated
@ConfigurationProperties("boxoffice.security")
public record SecuritySettings(
        @Nullable String jwtSecret,
        @DefaultValue("1h") @DurationMin(seconds = 1) Duration tokenTtl,
        @DefaultValue("boxoffice") @NotBlank String issuer) {}
