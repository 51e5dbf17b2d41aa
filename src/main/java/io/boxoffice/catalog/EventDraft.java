package io.boxoffice.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A new event as an organizer describes it; it starts as a DRAFT. */
public record EventDraft(
        @NotBlank @Size(max = 200) String title,
        @Nullable @Size(max = 10_000) String description,
        @NotNull UUID venueId,
        @NotNull Category category,
        @NotNull Instant startsAt,
        @NotNull Instant endsAt,
        @NotNull @Size(max = 20) List<@Valid @NotNull TicketTypeDraft> ticketTypes) {}
