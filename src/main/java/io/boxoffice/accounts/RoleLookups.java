package io.boxoffice.accounts;

import io.boxoffice.platform.Batches;
import io.boxoffice.platform.security.Role;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the roles of accounts this node has not seen yet, many to a query: the requests that miss
 * at the same moment wait together, and one thread reads them all with one statement. When an
 * on-sale opens, a hundred thousand buyers' first requests arrive within seconds. One read each
 * would queue them all for a database connection; one read per few hundred does not.
 */
@Component
class RoleLookups {

    private record Pending(UUID accountId, CompletableFuture<Optional<Set<Role>>> roles) {}

    private static final Logger log = LoggerFactory.getLogger(RoleLookups.class);
    private static final int MAX_BATCH = 500;

    private final Accounts accounts;
    private final LinkedBlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();

    RoleLookups(Accounts accounts) {
        this.accounts = accounts;
        Thread.ofPlatform().name("account-role-lookups").daemon().start(this::run);
    }

    /** The account's roles now; empty if it does not exist or has been erased. */
    Optional<Set<Role>> rolesOf(UUID accountId) {
        Pending pending = new Pending(accountId, new CompletableFuture<>());
        waiting.add(pending);
        try {
            return pending.roles().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure; // as the read itself failed: a database outage stays a database outage
            }
            throw e;
        }
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            List<Pending> batch;
            try {
                batch = Batches.next(waiting, MAX_BATCH);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Map<UUID, Set<Role>> roles = accounts.liveRoles(
                        batch.stream().map(Pending::accountId).distinct().toList());
                batch.forEach(pending -> pending.roles().complete(Optional.ofNullable(roles.get(pending.accountId()))));
            } catch (RuntimeException e) {
                log.warn("account_roles_lookup_failed accounts={}", batch.size(), e);
                batch.forEach(pending -> pending.roles().completeExceptionally(e));
            }
        }
    }
}
