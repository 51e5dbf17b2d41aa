package io.boxoffice.orders;

import io.boxoffice.platform.jdbc.Timestamps;
import io.boxoffice.platform.security.Caller;
import io.boxoffice.platform.web.DomainException;
import io.boxoffice.platform.web.InvalidInput;
import io.boxoffice.platform.web.Problems;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} for the writes that create or charge: the first request with a key runs,
 * and every later one with the same key and the same request replays its outcome (the same order,
 * or the same refusal); the same key with another request is refused with 422. Two requests
 * racing with one key run once: the loser waits for the winner's outcome.
 */
@Component
class Idempotency {

    private static final int MAX_KEY_LENGTH = 255;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration ABANDONED = Duration.ofSeconds(30);

    /** The same key was sent with a different request. */
    static final class KeyReused extends DomainException {
        KeyReused() {
            super(
                    Kind.UNPROCESSABLE,
                    "idempotency-key-reused",
                    "This Idempotency-Key was used for a different request.");
        }
    }

    /** The first request with this key is still running. */
    static final class InProgress extends DomainException {
        InProgress() {
            super(
                    Kind.CONFLICT,
                    "idempotency-in-progress",
                    "A request with this Idempotency-Key is still running; retry.");
        }
    }

    private record Claim(
            String fingerprint,
            Instant claimedAt,
            @Nullable Integer status,
            @Nullable UUID orderId,
            @Nullable String problem) {}

    private final JdbcClient jdbc;
    private final OrderRecords records;
    private final JsonMapper json;
    private final Clock clock;

    Idempotency(JdbcClient jdbc, OrderRecords records, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.records = records;
        this.json = json;
        this.clock = clock;
    }

    /** A fingerprint of a request: what it does and with what. */
    static String fingerprint(String operation, Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((operation + " " + request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code action} once per key and answers with {@code respond} applied to its order.
     * {@code committed} finds an order the first request committed without completing its claim.
     */
    ResponseEntity<Object> run(
            Caller caller,
            @Nullable String key,
            String fingerprint,
            Supplier<Order> action,
            Function<String, Optional<Order>> committed,
            Function<Order, ResponseEntity<Object>> respond) {
        if (key == null) {
            return respond.apply(action.get());
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new InvalidInput("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            if (claim(caller.accountId(), key, fingerprint)) {
                return execute(caller.accountId(), key, action, respond);
            }
            Optional<Claim> claim = find(caller.accountId(), key);
            if (claim.isEmpty()) {
                continue; // released by a failed first request: claim it now
            }
            if (!claim.get().fingerprint().equals(fingerprint)) {
                throw new KeyReused();
            }
            if (claim.get().status() != null) {
                return replay(claim.get(), respond);
            }
            Optional<Order> done = committed.apply(key);
            if (done.isPresent()) {
                return respond.apply(complete(caller.accountId(), key, done.get(), respond));
            }
            if (claim.get().claimedAt().isBefore(clock.instant().minus(ABANDONED))
                    && takeOver(caller.accountId(), key, claim.get().claimedAt())) {
                return execute(caller.accountId(), key, action, respond);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new InProgress();
            }
            pause();
        }
    }

    private ResponseEntity<Object> execute(
            UUID accountId, String key, Supplier<Order> action, Function<Order, ResponseEntity<Object>> respond) {
        Order order;
        try {
            order = action.get();
        } catch (DomainException refused) {
            Map<String, Object> problem = Problems.body(Problems.from(refused));
            complete(accountId, key, refused.kind().status(), null, json.writeValueAsString(problem));
            throw refused;
        } catch (RuntimeException failed) {
            jdbc.sql("delete from idempotency_key where account_id = :accountId and key = :key")
                    .param("accountId", accountId)
                    .param("key", key)
                    .update();
            throw failed;
        }
        return respond.apply(complete(accountId, key, order, respond));
    }

    private Order complete(UUID accountId, String key, Order order, Function<Order, ResponseEntity<Object>> respond) {
        complete(accountId, key, respond.apply(order).getStatusCode().value(), order.id(), null);
        return order;
    }

    private ResponseEntity<Object> replay(Claim claim, Function<Order, ResponseEntity<Object>> respond) {
        if (claim.orderId() != null) {
            return respond.apply(records.find(claim.orderId()).orElseThrow());
        }
        return ResponseEntity.status(claim.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(json.readValue(claim.problem(), Map.class));
    }

    private boolean claim(UUID accountId, String key, String fingerprint) {
        return jdbc.sql("""
                        insert into idempotency_key (account_id, key, fingerprint, claimed_at)
                        values (:accountId, :key, :fingerprint, :now)
                        on conflict (account_id, key) do nothing
                        """)
                        .param("accountId", accountId)
                        .param("key", key)
                        .param("fingerprint", fingerprint)
                        .param("now", Timestamps.utc(clock.instant()))
                        .update()
                == 1;
    }

    private boolean takeOver(UUID accountId, String key, Instant claimedAt) {
        return jdbc.sql("""
                        update idempotency_key set claimed_at = :now
                         where account_id = :accountId and key = :key and status is null and claimed_at = :claimedAt
                        """)
                        .param("accountId", accountId)
                        .param("key", key)
                        .param("claimedAt", Timestamps.utc(claimedAt))
                        .param("now", Timestamps.utc(clock.instant()))
                        .update()
                == 1;
    }

    private Optional<Claim> find(UUID accountId, String key) {
        return jdbc.sql("""
                        select fingerprint, claimed_at, status, order_id, problem from idempotency_key
                         where account_id = :accountId and key = :key
                        """)
                .param("accountId", accountId)
                .param("key", key)
                .query((rs, n) -> new Claim(
                        rs.getString("fingerprint"),
                        Timestamps.read(rs, "claimed_at"),
                        rs.getObject("status", Integer.class),
                        rs.getObject("order_id", UUID.class),
                        rs.getString("problem")))
                .optional();
    }

    private void complete(UUID accountId, String key, int status, @Nullable UUID orderId, @Nullable String problem) {
        jdbc.sql("""
                        update idempotency_key set status = :status, order_id = :orderId, problem = :problem
                         where account_id = :accountId and key = :key
                        """)
                .param("accountId", accountId)
                .param("key", key)
                .param("status", status)
                .param("orderId", orderId)
                .param("problem", problem)
                .update();
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InProgress();
        }
    }
}
