/**
 * Orders: holds taken through the reservation batcher, payment, cancellation and tickets.
 * {@link io.boxoffice.orders.OrderManagement} is its facade.
 */
@ApplicationModule(displayName = "Orders")
package io.boxoffice.orders;

import org.springframework.modulith.ApplicationModule;
