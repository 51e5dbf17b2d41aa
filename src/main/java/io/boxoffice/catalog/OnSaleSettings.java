package io.boxoffice.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Defaults of an event's on-sale settings, for what the organizer leaves out.
 *
 * @param admissionsPerMinute buyers a waiting room admits per minute: half the checkouts per
 *     minute one node completes in bench/flash-sale (216/s on two cores), so admitted buyers never
 *     queue at the checkout
 * @param checkoutMinutes how long an admitted buyer has to place an order
 */
@Validated
@ConfigurationProperties("boxoffice.on-sale")
record OnSaleSettings(
        @DefaultValue("6000") @Min(1) @Max(1_000_000) int admissionsPerMinute,
        @DefaultValue("10") @Min(1) @Max(120) int checkoutMinutes) {}
