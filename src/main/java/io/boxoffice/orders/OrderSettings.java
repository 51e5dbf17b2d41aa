package io.boxoffice.orders;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
 */
@ConfigurationProperties("boxoffice.orders")
record OrderSettings(
        @DefaultValue("10m") Duration holdTtl,
        @DefaultValue("256") int maxBatch,
        @DefaultValue("500") int sweepBatch,
        @DefaultValue("3") int partitionMonthsAhead,
        @DefaultValue("24h") Duration idempotencyRetention,
        @DefaultValue("1s") Duration sweepInterval,
        @DefaultValue("6h") Duration partitionCheckInterval,
        @DefaultValue("10m") Duration keyExpiryInterval,
        @DefaultValue("5m") Duration rollupInterval) {}
