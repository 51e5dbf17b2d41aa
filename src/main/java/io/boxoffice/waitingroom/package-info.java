/**
 * Waiting room: a fair queue in front of an event's on-sale. Buyers get signed queue tokens, are
 * admitted at the event's admission rate by one node at a time, and order with a signed admission
 * token that {@link io.boxoffice.orders.OrderManagement} checks without a database read.
 */
@ApplicationModule(
        displayName = "Waiting room",
        allowedDependencies = {
            "catalog",
            "orders",
            "platform",
            "platform::database",
            "platform::domain",
            "platform::jdbc",
            "platform::ratelimit",
            "platform::security",
            "platform::web"
        })
package io.boxoffice.waitingroom;

import org.springframework.modulith.ApplicationModule;
