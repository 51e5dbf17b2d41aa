package io.boxoffice.orders;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Makes ticket codes: the first six bytes of the ticket's order id (its creation millisecond, a
 * UUIDv7 prefix) and 128 random bits, URL-safe. The random part makes a code unguessable; the
 * prefix tells a check-in which month's partition, and which stretch of its index, holds it.
 */
final class TicketCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TicketCodes() {}

    private static final int PREFIX = 6;
    private static final int RANDOM_BYTES = 16;

    static String newCode(UUID orderId) {
        ByteBuffer bytes = ByteBuffer.allocate(PREFIX + RANDOM_BYTES);
        bytes.put(prefix(orderId));
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        bytes.put(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** One new ticket per unit of every item of order {@code orderId}, with ids from {@code ids}. */
    static List<Order.Ticket> issue(UUID orderId, List<Order.Item> items, java.util.function.Supplier<UUID> ids) {
        List<Order.Ticket> tickets = new ArrayList<>();
        for (Order.Item item : items) {
            for (int i = 0; i < item.quantity(); i++) {
                tickets.add(new Order.Ticket(ids.get(), item.ticketTypeId(), newCode(orderId), null));
            }
        }
        return tickets;
    }

    /** The range of order ids {@code [first, last]} the code's order id lies in; empty if the code has no prefix. */
    static Optional<OrderIds> orderIds(String code) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(code);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length != PREFIX + RANDOM_BYTES) {
            return Optional.empty();
        }
        long high = 0;
        for (int i = 0; i < PREFIX; i++) {
            high = high << 8 | (bytes[i] & 0xFF);
        }
        return Optional.of(new OrderIds(new UUID(high << 16, 0), new UUID(high << 16 | 0xFFFF, -1L)));
    }

    record OrderIds(UUID first, UUID last) {}

    private static byte[] prefix(UUID orderId) {
        return Arrays.copyOf(
                ByteBuffer.allocate(16)
                        .putLong(orderId.getMostSignificantBits())
                        .array(),
                PREFIX);
    }
}
