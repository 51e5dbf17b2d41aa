package io.boxoffice.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A change to an event: absent fields stay as they are; ticket types are changed or added by entry. */
public record EventPatch(
        @Nullable @Size(min = 1, max = 200) String title,
        @Nullable @Size(max = 10_000) String description,
        @Nullable UUID venueId,
        @Nullable Category category,
        @Nullable Instant startsAt,
        @Nullable Instant endsAt,
        @Nullable @Size(max = 20) List<@Valid @NotNull TicketTypePatch> ticketTypes,
        @Nullable @Valid OnSalePatch onSale) {}
