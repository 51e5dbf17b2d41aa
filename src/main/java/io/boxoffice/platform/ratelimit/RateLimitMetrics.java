package io.boxoffice.platform.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** {@code boxoffice_ratelimit_rejected_total{tier,reason}}, every series registered from the start. */
final class RateLimitMetrics {

    /** Why a request was refused. */
    enum Reason {
        /** the tier's token bucket for the request's class was empty */
        RATE,
        /** the client had its limit of requests in flight on the node */
        CONCURRENCY,
        /** too many sign-in attempts for one account */
        LOGIN,
        /** the address is on the deny list, or off the allow list */
        DENIED
    }

    private final Map<Tier, Map<Reason, Counter>> rejected = new EnumMap<>(Tier.class);

    RateLimitMetrics(MeterRegistry meters) {
        for (Tier tier : Tier.values()) {
            Map<Reason, Counter> byReason = new EnumMap<>(Reason.class);
            for (Reason reason : Reason.values()) {
                byReason.put(
                        reason,
                        Counter.builder("boxoffice.ratelimit.rejected")
                                .description("Requests refused by rate limits and access lists")
                                .tag("tier", tier.label())
                                .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                                .register(meters));
            }
            rejected.put(tier, byReason);
        }
    }

    void rejected(Tier tier, Reason reason) {
        rejected.get(tier).get(reason).increment();
    }
}
