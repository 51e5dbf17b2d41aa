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
 * request is refused with 422. An answer that is not final (a payment waiting for the buyer's
 * challenge or the provider's outcome) is not recorded: a retry asks again where it stands. Two racing requests with one key run once: the loser waits for the
 * winner's outcome, up to 10 s. A claim abandoned for 30 s (its node died) is taken over.
 */
@Component
class IdempotentRequests {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration ABANDONED = Duration.ofSeconds(30);

    /**
     * What a request does, for {@link #once}.
     *
     * @param run runs the request and returns what it came to
     * @param finalOrder the order to record the key as answered with, or null when the answer is
     *     not final (a payment whose outcome is not known yet): the key is then released, and a
     *     retry runs the request again, which finds where it stands
     * @param committed what a first run committed without recording its key (it died in between), if anything
     * @param replay what a finished first run came to, from the order it recorded, for its retry
     */
    record Attempt<R>(
            Supplier<R> run,
            Function<R, @Nullable UUID> finalOrder,
            Supplier<Optional<R>> committed,
            Function<UUID, R> replay) {}

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
    <R> R once(Caller caller, @Nullable String key, String fingerprint, int answeredWith, Attempt<R> attempt) {
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
            Optional<R> done = attempt.committed().get();
            UUID doneOrder = done.map(attempt.finalOrder()).orElse(null);
            if (doneOrder != null) {
                keys.complete(keyOf, answeredWith, doneOrder, null, null);
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

    private <R> R execute(KeyOf key, int answeredWith, Attempt<R> attempt) {
        R result;
        try {
            result = attempt.run().get();
        } catch (DomainException refused) {
            keys.complete(key, ProblemStatus.of(refused.kind()), null, refused.slug(), refused.getMessage());
            throw refused;
        } catch (RuntimeException failed) {
            keys.release(key);
            throw failed;
        }
        UUID order = attempt.finalOrder().apply(result);
        if (order == null) {
            keys.release(key);
        } else {
            keys.complete(key, answeredWith, order, null, null);
        }
        return result;
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
