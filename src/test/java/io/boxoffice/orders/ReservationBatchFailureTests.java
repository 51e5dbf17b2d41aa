package io.boxoffice.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;

/**
 * A reservation batch that fails at each of its steps (in the transaction, just before its commit,
 * just after it, while answering a replay): every request of the batch is answered (201, or 503
 * to be sent again with its key), none is left waiting, a retry with the same key gets the order
 * its batch committed or a new one, nothing is oversold, and the rest of the quota sells normally.
 */
class ReservationBatchFailureTests extends ApiTest {

    private static final int QUOTA = 60;
    private static final int BUYERS = 24;

    @Autowired
    private ReservationBatcher batcher;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private HikariDataSource primaryPool;

    @Autowired
    private MeterRegistry meters;

    private String organizerToken;
    private String venueId;
    private List<String> buyers;

    @BeforeEach
    void setUp() {
        organizerToken = api.signUp("ORGANIZER").token();
        venueId = api.venueId(organizerToken, "Faultville");
        buyers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            buyers.add(api.signUp("ATTENDEE").token());
        }
    }

    @AfterEach
    void disarm() {
        batcher.probe(step -> {});
    }

    /** Fails the first batch that reaches {@code at}, once. */
    private void failOnceAt(ReservationBatcher.Step at) {
        AtomicBoolean armed = new AtomicBoolean(true);
        batcher.probe(step -> {
            if (step == at && armed.getAndSet(false)) {
                throw new IllegalStateException("injected failure at " + step);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(ReservationBatcher.Step.class)
    void aBatchFailingAtAnyStepAnswersEveryoneAndTheRestOfTheQuotaSells(ReservationBatcher.Step step) throws Exception {
        JsonNode event =
                api.publishedEvent(organizerToken, venueId, List.of(Fixtures.ticketType("Standard", 2500, QUOTA)));
        String eventId = event.get("id").asString();
        String typeId = event.get("ticketTypes").get(0).get("id").asString();
        Map<String, Object> order = Fixtures.order(eventId, typeId, 1);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            keys.add(UUID.randomUUID().toString());
        }
        if (step == ReservationBatcher.Step.ANSWERING_REPLAY) {
            // a replay needs a key that was recorded: place the orders first, then send them again
            assertThat(stampede(keys, order))
                    .allSatisfy(response -> assertThat(response.status()).isEqualTo(201));
        }

        failOnceAt(step);
        List<Api.Response> first = stampede(keys, order);
        disarm();

        assertThat(first).allSatisfy(response -> assertThat(response.status()).isIn(201, 503));
        List<Integer> failed = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            if (first.get(i).status() == 503) {
                failed.add(i);
                assertThat(first.get(i).contentType()).startsWith("application/problem+json");
                assertThat(first.get(i).header("Retry-After")).isEqualTo("1");
                assertThat(first.get(i).json().get("type").asString()).endsWith("/try-again");
            }
        }
        assertThat(failed).as("the injected failure failed a batch").isNotEmpty();

        // sent again with the same key, each failed request gets its order: the committed one or a new one
        Map<Integer, String> orderIds = new HashMap<>();
        for (int i = 0; i < first.size(); i++) {
            if (first.get(i).status() == 201) {
                orderIds.put(i, first.get(i).json().get("id").asString());
            }
        }
        for (int i : failed) {
            Api.Response retried = placeWithKey(keys.get(i), order, i);
            assertThat(retried.status()).isEqualTo(201);
            orderIds.put(i, retried.json().get("id").asString());
        }
        assertThat(new HashSet<>(orderIds.values())).hasSize(BUYERS);
        // one order per key, whatever failed where
        assertThat(pendingOrders(eventId)).isEqualTo(BUYERS);

        // the event's queue is not wedged: the rest of the quota sells, and not one ticket more
        List<String> more = new ArrayList<>();
        for (int i = 0; i < QUOTA - BUYERS + 10; i++) {
            more.add(UUID.randomUUID().toString());
        }
        List<Api.Response> rest = stampede(more, order);
        assertThat(rest.stream().filter(response -> response.status() == 201)).hasSize(QUOTA - BUYERS);
        assertThat(rest.stream().filter(response -> response.status() == 409)).hasSize(10);
        Map<String, Object> counters = jdbc.sql(
                        "select quota, held, sold from ticket_type where id = cast(:id as uuid)")
                .param("id", typeId)
                .query()
                .singleRow();
        assertThat(((Number) counters.get("held")).intValue()).isEqualTo(QUOTA);
        assertThat(((Number) counters.get("sold")).intValue()).isZero();
        assertThat(pendingOrders(eventId)).isEqualTo(QUOTA);
    }

    /**
     * The primary's connection dies as the batch commits, before the commit reached the server: the
     * batch finds none of its orders on the database and runs again. Every buyer gets an order on
     * the first try, and each exactly one.
     */
    @org.junit.jupiter.api.Test
    void aBatchWhoseConnectionDiesBeforeItsCommitRunsAgainOnce() throws Exception {
        AtomicBoolean armed = new AtomicBoolean(true);
        batcher.probe(step -> {
            if (step == ReservationBatcher.Step.BEFORE_COMMIT && armed.getAndSet(false)) {
                killBackend(
                        jdbc.sql("select pg_backend_pid()").query(Integer.class).single());
            }
        });
        assertEveryBuyerGetsOneOrderAtFirstTry();
    }

    /**
     * The batch commits, and its connection dies before the acknowledgement arrives (simulated after
     * the commit): the batch finds its orders and answers with them, without placing them twice.
     */
    @org.junit.jupiter.api.Test
    void aBatchWhoseAcknowledgementIsLostAnswersWithWhatItCommitted() throws Exception {
        AtomicBoolean armed = new AtomicBoolean(true);
        batcher.probe(step -> {
            if (step == ReservationBatcher.Step.BEFORE_COMMIT && armed.getAndSet(false)) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        throw new DataAccessResourceFailureException(
                                "lost",
                                new SQLException("An I/O error occurred while sending to the backend", "08006"));
                    }
                });
            }
        });
        assertEveryBuyerGetsOneOrderAtFirstTry();
        assertThat(armed).isFalse();
    }

    private void assertEveryBuyerGetsOneOrderAtFirstTry() throws Exception {
        JsonNode event =
                api.publishedEvent(organizerToken, venueId, List.of(Fixtures.ticketType("Standard", 2500, QUOTA)));
        String eventId = event.get("id").asString();
        String typeId = event.get("ticketTypes").get(0).get("id").asString();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            keys.add(UUID.randomUUID().toString());
        }
        double unknownBefore = unknownOutcomes();
        List<Api.Response> answers = stampede(keys, Fixtures.order(eventId, typeId, 1));
        disarm();
        assertThat(unknownOutcomes() - unknownBefore)
                .as("batches resolved by asking again")
                .isEqualTo(1);
        assertThat(answers).allSatisfy(response -> assertThat(response.status()).isEqualTo(201));
        assertThat(answers.stream()
                        .map(response -> response.json().get("id").asString())
                        .distinct())
                .hasSize(BUYERS);
        assertThat(pendingOrders(eventId)).isEqualTo(BUYERS);
        assertThat(jdbc.sql("select held from ticket_type where id = cast(:id as uuid)")
                        .param("id", typeId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(BUYERS);
        // one recorded outcome per key
        assertThat(jdbc.sql("select count(*) from idempotency_key where key = any(:keys)")
                        .param("keys", keys.toArray(String[]::new))
                        .query(Integer.class)
                        .single())
                .isEqualTo(BUYERS);
    }

    private double unknownOutcomes() {
        return meters.counter("boxoffice.orders.batches.commit.unknown").count();
    }

    /** Terminates a server process from another connection, and waits until it has gone. */
    private void killBackend(int pid) {
        try (Connection other = primaryPool.getConnection();
                PreparedStatement kill = other.prepareStatement("select pg_terminate_backend(?, 5000)")) {
            kill.setInt(1, pid);
            kill.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int pendingOrders(String eventId) {
        return jdbc.sql("select count(*) from orders where event_id = cast(:id as uuid) and status = 'PENDING'")
                .param("id", eventId)
                .query(Integer.class)
                .single();
    }

    private Api.Response placeWithKey(String key, Map<String, Object> order, int buyer) {
        return api.post("/api/v1/orders", buyers.get(buyer % buyers.size()), order, "Idempotency-Key", key);
    }

    /** Sends one order per key at once (the i-th key by the i-th buyer, round robin); answers in order. */
    private List<Api.Response> stampede(List<String> keys, Map<String, Object> order) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < keys.size(); i++) {
                int n = i;
                answers.add(executor.submit(() -> {
                    start.await();
                    return placeWithKey(keys.get(n), order, n);
                }));
            }
            start.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> answer : answers) {
                // far under the batcher's 30 s answer timeout: a wedged queue fails here, not there
                responses.add(answer.get(15, TimeUnit.SECONDS));
            }
            return responses;
        }
    }
}
