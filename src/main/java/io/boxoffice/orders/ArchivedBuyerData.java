package io.boxoffice.orders;

import io.boxoffice.accounts.PersonalDataSource;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A buyer's orders that went to cold storage, with their items and tickets, as their part of a
 * GDPR export: the archive holds no personal data of its own (an order names its buyer by account
 * id only, and erasure clears the account), but what it holds about a buyer is theirs to see.
 */
@Component
class ArchivedBuyerData implements PersonalDataSource {

    private final OrderArchive archive;

    ArchivedBuyerData(OrderArchive archive) {
        this.archive = archive;
    }

    @Override
    public String section() {
        return "archivedOrders";
    }

    @Override
    public Object exportFor(UUID accountId) {
        return archive.ordersOf(accountId);
    }
}
