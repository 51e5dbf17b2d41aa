package io.boxoffice.orders;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Cold storage of old orders (docs/archive.md).
 *
 * @param enabled whether the {@code order-archive} job moves old months out of the hot tables
 * @param after how long after its events ended a month of orders is archived: a month goes once
 *     it ended this long ago and every event any of its orders is for ended this long ago too
 * @param directory where the archive's files go, one directory per month
 * @param interval how often the job looks for months to archive
 */
@Validated
@ConfigurationProperties("boxoffice.archive")
record ArchiveSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("13m") Period after,
        @DefaultValue("./data/archive") Path directory,
        @DefaultValue("6h") @DurationMin(seconds = 1) Duration interval) {}
