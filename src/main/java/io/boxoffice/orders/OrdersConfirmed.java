package io.boxoffice.orders;

import java.util.List;
import java.util.UUID;

/**
 * Orders became purchases with tickets: paid, or free and confirmed on placing. Published inside
 * the transaction that confirmed them (one event per reservation batch), so a listener's writes,
 * such as enqueueing the confirmation emails, commit or roll back with the orders.
 */
public record OrdersConfirmed(List<UUID> orderIds) {

    public OrdersConfirmed {
        orderIds = List.copyOf(orderIds);
    }
}
