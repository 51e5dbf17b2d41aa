package io.boxoffice.orders;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Makes ticket codes: 128 random bits, URL-safe, unguessable. */
final class TicketCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TicketCodes() {}

    static String newCode() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** One new ticket per unit of every item, with ids from {@code ids}. */
    static List<Order.Ticket> issue(List<Order.Item> items, java.util.function.Supplier<UUID> ids) {
        List<Order.Ticket> tickets = new ArrayList<>();
        for (Order.Item item : items) {
            for (int i = 0; i < item.quantity(); i++) {
                tickets.add(new Order.Ticket(ids.get(), item.ticketTypeId(), newCode(), null));
            }
        }
        return tickets;
    }
}
