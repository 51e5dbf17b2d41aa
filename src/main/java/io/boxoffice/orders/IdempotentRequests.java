package io.boxoffice.orders;

import io.boxoffice.orders.IdempotencyKeys.KeyOf;
import io.boxoffice.orders.IdempotencyKeys.Recorded;
import io.boxoffice.orders.OrderProblems.KeyInProgress;
import io.boxoffice.orders.OrderProblems.KeyReused;
import io.boxoffice.orders.OrderProblems.ReplayedRefusal;
import io.boxoffice.platform.domain.DomainException;
import io.boxoffice.platform.security.Caller;
import io.boxoffice.platform.web.ProblemStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@code Idempotency-Key} for a request that runs on its own (a payment): the first request with a
 * key claims it, runs, and records what it was answered; every later one with the same key and the
 * same request replays that (the same order, or the same refusal); the same key with another
 * request is refused with 422. Two racing requests with one key run once: the loser waits for the
 * winner's outcome, up to 10 s. A claim abandoned for 30 s (its node died) is taken over.
 */
@Component
class IdempotentRequests {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration ABANDONED = Duration.ofSeconds(30);

    /**
     * What a request does, for {@link #once}.
     *
     * @param run runs the request and returns its order
     * @param committed the order a first run committed without recording its key (it died in between), if any
     * @param replay the order a finished first run made, for its retry
     */
    record Attempt(Supplier<Order> run, Supplier<Optional<Order>> committed, Function<UUID, Order> replay) {}

    private final IdempotencyKeys keys;
    private final Clock clock;

    IdempotentRequests(IdempotencyKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Runs {@code attempt} at most once per key of the caller (every time without a key) and
     * returns its order; a success is recorded as answered with {@code answeredWith}.
     */
    Order once(Caller caller, @Nullable String key, String fingerprint, int answeredWith, Attempt attempt) {
        IdempotencyKeys.checkKey(key);
        if (key == null) {
            return attempt.run().get();
        }
        KeyOf keyOf = new KeyOf(caller.accountId(), key);
        Instant deadline = clock.instant().plus(WAIT);
        while (true) {
            if (keys.claim(keyOf, fingerprint)) {
                return execute(keyOf, answeredWith, attempt);
            }
            Recorded recorded = keys.findAll(List.of(keyOf)).get(keyOf);
            if (recorded == null) {
                continue; // released by a first request that failed: claim it now
            }
            if (!recorded.fingerprint().equals(fingerprint)) {
                throw new KeyReused();
            }
            if (recorded.done()) {
                if (recorded.orderId() == null) {
                    throw new ReplayedRefusal(
                            ProblemStatus.kindOf(recorded.status()), recorded.problemSlug(), recorded.problemDetail());
                }
                return attempt.replay().apply(recorded.orderId());
            }
            Optional<Order> done = attempt.committed().get();
            if (done.isPresent()) {
                keys.complete(keyOf, answeredWith, done.get().id(), null, null);
                return done.get();
            }
            if (recorded.claimedAt().isBefore(clock.instant().minus(ABANDONED))
                    && keys.takeOver(keyOf, recorded.claimedAt())) {
                return execute(keyOf, answeredWith, attempt);
            }
            if (clock.instant().isAfter(deadline)) {
                throw new KeyInProgress();
            }
            pause();
        }
    }

    private Order execute(KeyOf key, int answeredWith, Attempt attempt) {
        Order order;
        try {
            order = attempt.run().get();
        } catch (DomainException refused) {
            keys.complete(key, ProblemStatus.of(refused.kind()), null, refused.slug(), refused.getMessage());
            throw refused;
        } catch (RuntimeException failed) {
            keys.release(key);
            throw failed;
        }
        keys.complete(key, answeredWith, order.id(), null, null);
        return order;
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeyInProgress();
        }
    }
}
