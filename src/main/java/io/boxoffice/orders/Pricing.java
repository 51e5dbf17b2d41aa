package io.boxoffice.orders;

import io.boxoffice.catalog.Event;
import io.boxoffice.catalog.TicketType;
import io.boxoffice.orders.OrderProblems.TooManyTickets;
import io.boxoffice.platform.domain.FieldError;
import io.boxoffice.platform.domain.InvalidInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What an order costs: each line priced at its ticket type's price as the event has it now, the
 * total, and the event's one currency. A line naming a type the event does not have, or a type a
 * second time, is a field error (all of them reported together); more of a type than one order may
 * take is refused on its own. A pure function: no Spring, no database.
 */
final class Pricing {

    /** The priced lines, in the order they were asked for, and what they come to in minor units. */
    record Priced(List<Order.Item> items, long totalCents, String currency) {}

    private Pricing() {}

    static Priced price(Event event, List<NewOrder.Line> lines) {
        Map<UUID, TicketType> types = new HashMap<>();
        event.ticketTypes().forEach(type -> types.put(type.id(), type));
        List<FieldError> errors = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        List<Order.Item> items = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < lines.size(); i++) {
            NewOrder.Line line = lines.get(i);
            TicketType type = types.get(line.ticketTypeId());
            if (type == null) {
                errors.add(new FieldError("items[" + i + "].ticketTypeId", "is not a ticket type of this event"));
            } else if (!seen.add(type.id())) {
                errors.add(new FieldError("items[" + i + "].ticketTypeId", "appears twice in the order"));
            } else if (line.quantity() > type.maxPerOrder()) {
                throw new TooManyTickets("At most " + type.maxPerOrder() + " tickets of \"" + type.name()
                        + "\" may be bought in one order.");
            } else {
                items.add(new Order.Item(type.id(), line.quantity(), type.priceCents()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new Priced(
                List.copyOf(items), total(items), event.ticketTypes().getFirst().currency());
    }

    /** What priced lines come to in minor units; an overflow is an error, never a wrapped total. */
    static long total(List<Order.Item> items) {
        long total = 0;
        for (Order.Item item : items) {
            total = Math.addExact(total, Math.multiplyExact(item.priceCents(), (long) item.quantity()));
        }
        return total;
    }
}
