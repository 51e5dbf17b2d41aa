package io.boxoffice.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A change to one ticket type (by {@code id}), or a new ticket type when {@code id} is absent. */
public record TicketTypePatch(
        @Nullable UUID id,
        @Nullable @Size(min = 1, max = 100) String name,
        @Nullable @Min(0) @Max(100_000_000) Long priceCents,

        @Nullable @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code")
        String currency,

        @Nullable @Min(1) @Max(1_000_000) Integer quota,
        @Nullable @Min(1) @Max(100) Integer maxPerOrder) {}
