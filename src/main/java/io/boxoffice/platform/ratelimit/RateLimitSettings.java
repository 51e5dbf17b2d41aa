package io.boxoffice.platform.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits and abuse controls ({@code boxoffice.rate-limit.*}); the defaults are in
 * application.yml.
 *
 * @param enabled whether requests are limited at all ({@code false} for benchmark runs)
 * @param store where the buckets live: {@code auto} (Redis when {@code boxoffice.rate-limit.redis-url}
 *     or {@code spring.data.redis.url} is set, else PostgreSQL), {@code postgres} or {@code redis}
 * @param prefetch the share of a bucket's capacity a node takes at once and spends locally, so a hot
 *     key costs one store round trip per that many requests; the fleet may under-allow by up to one
 *     share per node, never over-allow
 * @param trustedProxies addresses and CIDR blocks of the load balancers whose {@code X-Forwarded-For}
 *     names the client; from anyone else the header is ignored
 * @param tiers per tier, the limits of reads, writes and sign-ins, and the in-flight requests per client
 * @param loginPerAccount sign-in attempts per account (by email), whatever the address they come from
 * @param deny CIDR blocks refused outright (403)
 * @param allow when not empty, only these CIDR blocks are served (health probes excepted)
 */
@ConfigurationProperties("boxoffice.rate-limit")
@Validated
record RateLimitSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("auto") @NotNull Store store,

        @DefaultValue("0.02") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false)
        double prefetch,

        @DefaultValue List<String> trustedProxies,
        Map<Tier, @Valid TierLimits> tiers,
        @DefaultValue("10/10m") @NotNull Limit loginPerAccount,
        @DefaultValue List<String> deny,
        @DefaultValue List<String> allow) {

    enum Store {
        AUTO,
        POSTGRES,
        REDIS
    }

    /**
     * @param read GET, HEAD and OPTIONS under /api
     * @param write every other method under /api
     * @param auth {@code POST /api/v1/auth/token}
     * @param concurrency requests of one client in flight on one node at once
     */
    record TierLimits(
            @NotNull Limit read,
            @NotNull Limit write,
            @NotNull Limit auth,
            @Min(1) int concurrency) {}

    RateLimitSettings {
        if (prefetch < 0 || prefetch >= 1) {
            throw new IllegalArgumentException("boxoffice.rate-limit.prefetch is a share in [0, 1), not " + prefetch);
        }
        tiers = tiers == null ? Map.of() : Map.copyOf(tiers);
        for (Tier tier : Tier.values()) {
            if (!tiers.containsKey(tier)) {
                throw new IllegalArgumentException("boxoffice.rate-limit.tiers." + tier.label() + " is missing");
            }
        }
    }

    TierLimits of(Tier tier) {
        return tiers.get(tier);
    }

    Limit of(Tier tier, RequestClass requestClass) {
        TierLimits limits = tiers.get(tier);
        return switch (requestClass) {
            case READ -> limits.read();
            case WRITE -> limits.write();
            case AUTH -> limits.auth();
        };
    }
}
