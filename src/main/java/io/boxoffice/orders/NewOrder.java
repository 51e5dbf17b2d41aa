package io.boxoffice.orders;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** What a buyer asks to hold: tickets of one event, all or nothing. */
public record NewOrder(
        @NotNull UUID eventId, @NotEmpty @Size(max = 20) List<@Valid @NotNull Line> items) {

    /** A quantity of one ticket type. */
    public record Line(
            @NotNull UUID ticketTypeId,
            @NotNull @Min(1) @Max(100) Integer quantity) {}
}
