package io.boxoffice.orders;

import io.boxoffice.accounts.PersonalDataSource;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** A buyer's orders with their tickets and payment histories, as their part of a GDPR export. */
@Component
class BuyerData implements PersonalDataSource {

    private static final int MOST = 10_000;

    private final OrderRecords orders;
    private final PaymentRecords payments;

    BuyerData(OrderRecords orders, PaymentRecords payments) {
        this.orders = orders;
        this.payments = payments;
    }

    @Override
    public String section() {
        return "orders";
    }

    /** Each of the buyer's orders (the newest 10,000) with the history of its money. */
    @Override
    public Object exportFor(UUID accountId) {
        List<Order> bought = orders.ofBuyer(accountId, null, null, MOST);
        return bought.stream()
                .map(order -> new Bought(
                        order,
                        PaymentHistory.of(
                                order,
                                payments.attemptsOf(order.id()),
                                payments.refundsOf(order.id()),
                                payments.disputesOf(order.id()))))
                .toList();
    }

    /** One order and its payments. */
    record Bought(Order order, PaymentHistory payments) {}
}
