/**
 * Payments: the provider SPI orders charge and refund through, and the built-in test provider
 * ({@code test_ok} approves, {@code test_declined} declines). {@link io.boxoffice.payments.Payments}
 * is its facade.
 */
@ApplicationModule(
        displayName = "Payments",
        allowedDependencies = {"platform", "platform::domain"})
package io.boxoffice.payments;

import org.springframework.modulith.ApplicationModule;
