package io.boxoffice.orders;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How orders behave.
 *
 * @param holdTtl how long a PENDING order holds its tickets before the sweeper releases them
 * @param maxBatch the most orders the reservation batcher applies in one transaction
 * @param sweepBatch the most expired holds one sweep releases
 * @param partitionMonthsAhead how many months beyond the current one have their partitions created in advance
 * @param idempotencyRetention how long an Idempotency-Key is remembered; a retry after that runs anew
 * @param sweepInterval the pause between runs of the hold sweeper
 * @param partitionCheckInterval the pause between runs of partition maintenance
 * @param keyExpiryInterval the pause between runs of idempotency-key expiry
 * @param rollupInterval the pause between runs of the daily sales roll-up
 * @param accountingRetention how long orders, their tickets and payments, and the daily sales
 *     roll-ups are kept (the accounting period: 10 years for German and 6 for UK accounting records);
 *     older ones are removed by the {@code order-retention} job
 * @param commitOutcomeWait how long a reservation batch whose connection died while it committed
 *     waits for the database (the new leader, after a failover) to say whether it committed, before
 *     its requests are told to try again
 */
@Validated
@ConfigurationProperties("boxoffice.orders")
record OrderSettings(
        @DefaultValue("10m") @DurationMin(seconds = 1) Duration holdTtl,
        @DefaultValue("256") @Min(1) @Max(10_000) int maxBatch,
        @DefaultValue("500") @Min(1) int sweepBatch,
        @DefaultValue("3") @Min(1) @Max(36) int partitionMonthsAhead,
        @DefaultValue("24h") @DurationMin(minutes = 1) Duration idempotencyRetention,
        @DefaultValue("1s") @DurationMin(millis = 10) Duration sweepInterval,
        @DefaultValue("6h") @DurationMin(seconds = 1) Duration partitionCheckInterval,
        @DefaultValue("10m") @DurationMin(seconds = 1) Duration keyExpiryInterval,
        @DefaultValue("5m") @DurationMin(seconds = 1) Duration rollupInterval,
        @DefaultValue("3660d") @DurationMin(days = 1) Duration accountingRetention,
        @DefaultValue("30s") @DurationMin(millis = 0) Duration commitOutcomeWait) {}
