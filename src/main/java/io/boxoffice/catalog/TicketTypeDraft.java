package io.boxoffice.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** A new ticket type; {@code maxPerOrder} defaults to 10. */
public record TicketTypeDraft(
        @NotBlank @Size(max = 100) String name,
        @NotNull @Min(0) @Max(100_000_000) Long priceCents,

        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code")
        String currency,

        @NotNull @Min(1) @Max(1_000_000) Integer quota,
        @Nullable @Min(1) @Max(100) Integer maxPerOrder) {

    static final int DEFAULT_MAX_PER_ORDER = 10;
}
