package io.boxoffice.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.boxoffice.platform.cache.CacheSpec;
import io.boxoffice.platform.cache.Caches;
import io.boxoffice.platform.cache.SharedCache;
import io.boxoffice.platform.security.ActiveAccounts;
import io.boxoffice.platform.security.Role;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What a token's account may do now: its current roles, or nothing once it is erased. Every
 * authenticated request asks, so the answer is kept per node; an erasure or a change of roles is
 * an invalidation on the caches' bus (Redis pub/sub, or PostgreSQL NOTIFY without Redis), so it
 * takes effect on every node as soon as the bus delivers it, not when a cached answer expires.
 */
@Component
class AccountAccess implements ActiveAccounts {

    /** The bus only: its entries are never read, its invalidations reach {@link #known}. */
    static final CacheSpec ACCESS =
            new CacheSpec("account-access", Duration.ofMinutes(1), Duration.ZERO, 1, Duration.ZERO, Duration.ZERO);

    /** A safety net for an invalidation the bus lost: nothing is trusted for longer. */
    private static final Duration KEPT = Duration.ofMinutes(1);

    /**
     * Accounts remembered per node: a waiting room of 200,000 buyers polling every node keeps
     * them all here (about 30 MB), so a poll does not read the account again.
     */
    private static final int REMEMBERED = 250_000;

    private final RoleLookups lookups;
    private final SharedCache bus;
    private final Cache<UUID, Optional<Set<Role>>> known;

    AccountAccess(RoleLookups lookups, Caches caches, Ticker ticker) {
        this.lookups = lookups;
        this.known = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterWrite(KEPT)
                .maximumSize(REMEMBERED)
                .build();
        this.bus = caches.create(ACCESS);
        bus.onInvalidation(this::forget);
    }

    @Override
    public Optional<Set<Role>> rolesOf(UUID accountId) {
        // a miss reads the account together with the other misses of the moment (RoleLookups)
        return known.get(accountId, lookups::rolesOf);
    }

    /** Once the current transaction commits, every node asks the primary about this account again. */
    void changed(UUID accountId) {
        bus.evictOnCommit(accountId.toString());
    }

    private void forget(String key) {
        if ("*".equals(key)) {
            known.invalidateAll();
            return;
        }
        try {
            known.invalidate(UUID.fromString(key));
        } catch (IllegalArgumentException notAnAccount) {
            // nothing of ours
        }
    }
}
