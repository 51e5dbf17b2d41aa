/**
 * Orders: holds taken through the reservation batcher, payment, cancellation and tickets.
 * {@link io.boxoffice.orders.OrderManagement} is its facade.
 */
@ApplicationModule(
        displayName = "Orders",
        allowedDependencies = {
            "accounts",
            "catalog",
            "jobs",
            "payments",
            "platform",
            "platform::cache",
            "platform::database",
            "platform::domain",
            "platform::id",
            "platform::jdbc",
            "platform::security",
            "platform::web"
        })
package io.boxoffice.orders;

import org.springframework.modulith.ApplicationModule;
