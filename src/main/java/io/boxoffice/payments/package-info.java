/**
 * Payments: the providers orders charge and refund through (the built-in test provider, {@code
 * test_ok} approves and {@code test_declined} declines, or Stripe), chosen by {@code
 * boxoffice.payments.provider}, and the provider's webhook, whose verified events it publishes as
 * {@link io.boxoffice.payments.PaymentNotice}. {@link io.boxoffice.payments.Payments} is its facade.
 */
@ApplicationModule(
        displayName = "Payments",
        allowedDependencies = {"platform", "platform::domain", "platform::jdbc"})
package io.boxoffice.payments;

import org.springframework.modulith.ApplicationModule;
