package io.boxoffice.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The inventory under a stampede: hundreds of simultaneous buyers over real HTTP and real
 * PostgreSQL, on one node and on two nodes sharing the database, with exact counts.
 */
class OrderConcurrencyTests extends ApiTest {

    private static ConfigurableApplicationContext secondNode;

    @Autowired
    private JdbcClient jdbc;

    private Api.Account organizer;
    private String venueId;

    @BeforeEach
    void setUp() {
        organizer = api.signUp("ORGANIZER");
        venueId = api.venueId(organizer.token(), "Rushville");
    }

    @AfterAll
    static void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    private JsonNode event(int... quotas) {
        List<Map<String, Object>> types = new ArrayList<>();
        for (int i = 0; i < quotas.length; i++) {
            types.add(Fixtures.ticketType("Type " + i, 2500, quotas[i]));
        }
        return api.publishedEvent(organizer.token(), venueId, types);
    }

    /** Sends {@code count} orders at once, {@code body(i)} the i-th; returns each status in order. */
    private List<Integer> stampede(int count, IntFunction<Api> node, IntFunction<Map<String, Object>> body)
            throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tokens.add(api.signUp("ATTENDEE").token());
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                int n = i;
                statuses.add(executor.submit(() -> {
                    start.await();
                    return node.apply(n)
                            .post("/api/v1/orders", tokens.get(n % tokens.size()), body.apply(n))
                            .status();
                }));
            }
            start.countDown();
        }
        List<Integer> results = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            results.add(status.get());
        }
        return results;
    }

    private static Map<String, Object> oneTicket(JsonNode event, int typeIndex) {
        return Fixtures.order(event.get("id").asString(), typeId(event, typeIndex), 1);
    }

    private static String typeId(JsonNode event, int typeIndex) {
        return event.get("ticketTypes").get(typeIndex).get("id").asString();
    }

    private Map<String, Object> counters(String ticketTypeId) {
        return jdbc.sql("""
                        select t.quota, t.held, t.sold,
                               (select coalesce(sum(i.quantity), 0) from order_item i join orders o
                                    on o.organizer_id = i.organizer_id and o.id = i.order_id
                                 where i.ticket_type_id = t.id and o.status = 'PENDING') as pending_rows
                          from ticket_type t where t.id = cast(:id as uuid)
                        """).param("id", ticketTypeId).query().singleRow();
    }

    @Test
    void aThousandBuyersForThreeHundredTicketsGetExactlyThreeHundred() throws Exception {
        JsonNode event = event(300);
        List<Integer> statuses = stampede(1000, n -> api, n -> oneTicket(event, 0));

        assertExactlyQuotaSold(statuses, event);
    }

    @Test
    void twoNodesOnOneDatabaseNeverOversell() throws Exception {
        Api second = secondNode();
        JsonNode event = event(300);
        List<Integer> statuses = stampede(1000, n -> n % 2 == 0 ? api : second, n -> oneTicket(event, 0));

        assertExactlyQuotaSold(statuses, event);
    }

    @Test
    void requestsWithOneKeyRacingOnTwoNodesCreateOneOrderPerKey() throws Exception {
        Api second = secondNode();
        JsonNode event = event(10_000);
        String buyer = api.signUp("ATTENDEE").token();
        int keys = 100;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> responses = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 2 * keys; i++) {
                Api node = i % 2 == 0 ? api : second;
                String key = "race-" + event.get("id").asString() + "-" + i / 2;
                responses.add(executor.submit(() -> {
                    start.await();
                    return node.post("/api/v1/orders", buyer, oneTicket(event, 0), "Idempotency-Key", key);
                }));
            }
            start.countDown();
        }
        Set<String> orderIds = new HashSet<>();
        for (int i = 0; i < 2 * keys; i += 2) {
            Api.Response first = responses.get(i).get();
            Api.Response other = responses.get(i + 1).get();
            assertThat(first.status()).as(first.text()).isEqualTo(201);
            assertThat(other.status()).as(other.text()).isEqualTo(201);
            assertThat(other.json().get("id")).isEqualTo(first.json().get("id"));
            orderIds.add(first.json().get("id").asString());
        }
        assertThat(orderIds).hasSize(keys);
        assertThat(jdbc.sql("select count(*) from orders where event_id = cast(:id as uuid)")
                        .param("id", event.get("id").asString())
                        .query(Long.class)
                        .single())
                .isEqualTo(keys);
        assertThat(counters(typeId(event, 0))).containsEntry("held", keys);
    }

    /** A second node on the same database, sharing the first one's clock as nodes share the wall clock. */
    private Api secondNode() {
        if (secondNode == null) {
            secondNode = startNode();
        }
        return apiOf(secondNode);
    }

    /** 300 acknowledged, 700 sold out, no 5xx, and the counter equal to the rows. */
    private void assertExactlyQuotaSold(List<Integer> statuses, JsonNode event) {
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(300);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(700);
        assertThat(statuses).noneMatch(status -> status >= 500);
        Map<String, Object> counters = counters(typeId(event, 0));
        assertThat(((Number) counters.get("held")).intValue()).isEqualTo(300);
        assertThat(((Number) counters.get("pending_rows")).intValue()).isEqualTo(300);
    }

    @Test
    void multiItemOrdersStayWholeUnderContention() throws Exception {
        JsonNode event = event(60, 40);
        // a third want both types, a third only the first, a third only the second
        List<Integer> statuses = stampede(300, n -> api, n -> {
            List<Map<String, Object>> items = new ArrayList<>();
            if (n % 3 != 2) {
                items.add(Map.of("ticketTypeId", typeId(event, 0), "quantity", 1));
            }
            if (n % 3 != 1) {
                items.add(Map.of("ticketTypeId", typeId(event, 1), "quantity", 1));
            }
            return Map.of("eventId", event.get("id").asString(), "items", items);
        });

        assertThat(statuses).allMatch(status -> status == 201 || status == 409);
        for (int type = 0; type < 2; type++) {
            Map<String, Object> counters = counters(typeId(event, type));
            int held = ((Number) counters.get("held")).intValue();
            assertThat(held).isEqualTo(((Number) counters.get("pending_rows")).intValue());
            assertThat(held).isEqualTo(((Number) counters.get("quota")).intValue());
        }
        int halfOrders = jdbc.sql("""
                        select count(*) from orders o
                         where o.event_id = cast(:event as uuid)
                           and (select count(*) from order_item i where i.order_id = o.id) = 0
                        """)
                .param("event", event.get("id").asString())
                .query(Integer.class)
                .single();
        assertThat(halfOrders).isZero();
        int placed = (int) statuses.stream().filter(status -> status == 201).count();
        int rows = jdbc.sql("select count(*) from orders where event_id = cast(:event as uuid)")
                .param("event", event.get("id").asString())
                .query(Integer.class)
                .single();
        assertThat(rows).isEqualTo(placed);
    }
}
