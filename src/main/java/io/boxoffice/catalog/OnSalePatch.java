package io.boxoffice.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The on-sale part of an event patch: the time is required, the rest falls back to the event's
 * current settings and then to {@code boxoffice.on-sale} defaults.
 */
public record OnSalePatch(
        @NotNull Instant at,
        @Nullable Boolean waitingRoom,
        @Nullable @Min(1) @Max(1_000_000) Integer admissionsPerMinute,
        @Nullable @Min(1) @Max(120) Integer checkoutMinutes) {}
