package io.boxoffice.platform.ratelimit;

import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Limits modules apply themselves, where the request path alone does not say what is limited:
 * sign-in attempts per account, whatever address they come from.
 */
public final class RateLimits {

    private final SharedBuckets buckets;
    private final RateLimitSettings settings;
    private final RateLimitMetrics metrics;
    private final ExpiredEntriesCleaner store;

    RateLimits(
            SharedBuckets buckets, RateLimitSettings settings, RateLimitMetrics metrics, ExpiredEntriesCleaner store) {
        this.buckets = buckets;
        this.settings = settings;
        this.metrics = metrics;
        this.store = store;
    }

    /**
     * Removes up to {@code batch} stored buckets that have been full (unused) for a while; returns
     * how many. A removed bucket starts full when its client comes back, which is what it was.
     */
    public int removeExpired(int batch) {
        return store.removeExpired(batch);
    }

    /**
     * Counts one sign-in attempt for the account with {@code email}; throws {@link RateLimited} once
     * the account has had {@code boxoffice.rate-limit.login-per-account} of them. The bucket is keyed
     * by a digest of the address, so no email is stored with it.
     */
    public void signInAttempt(String email) {
        if (!settings.enabled()) {
            return;
        }
        String key = "login:" + digest(email.strip().toLowerCase(Locale.ROOT));
        Decision decision = buckets.acquireStrictly(key, settings.loginPerAccount());
        if (!decision.allowed()) {
            metrics.rejected(Tier.ANONYMOUS, RateLimitMetrics.Reason.LOGIN);
            throw new RateLimited(
                    "Too many sign-in attempts for this account; try again later.", decision.retryAfter());
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
