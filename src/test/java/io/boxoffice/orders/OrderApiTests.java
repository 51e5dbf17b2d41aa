package io.boxoffice.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Orders over HTTP: hold, pay, decline, cancel, refund, expiry, and who may see what. */
class OrderApiTests extends ApiTest {

    @Autowired
    private JdbcClient jdbc;

    private Api.Account organizer;
    private Api.Account buyer;
    private String venueId;

    @BeforeEach
    void setUp() {
        organizer = api.signUp("ORGANIZER");
        buyer = api.signUp("ATTENDEE");
        venueId = api.venueId(organizer.token(), "Orderton");
    }

    private JsonNode event(List<Map<String, Object>> ticketTypes) {
        return api.publishedEvent(organizer.token(), venueId, ticketTypes);
    }

    private static Map<String, Object> type(String name, long price, int quota) {
        return Fixtures.ticketType(name, price, quota);
    }

    private Api.Response order(String token, JsonNode event, Object... typeIndexAndQuantity) {
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (int i = 0; i < typeIndexAndQuantity.length; i += 2) {
            JsonNode type = event.get("ticketTypes").get((Integer) typeIndexAndQuantity[i]);
            items.add(Map.of("ticketTypeId", type.get("id").asString(), "quantity", typeIndexAndQuantity[i + 1]));
        }
        return api.post(
                "/api/v1/orders", token, Map.of("eventId", event.get("id").asString(), "items", items));
    }

    private int available(JsonNode event, int typeIndex) {
        return api.get("/api/v1/events/" + event.get("id").asString() + "/availability")
                .json()
                .get("ticketTypes")
                .get(typeIndex)
                .get("available")
                .asInt();
    }

    /** When the provider accepted the order's refund (the refund job's record), if it has. */
    private Optional<Instant> refundPaidAt(String orderPath) {
        return jdbc.sql("select max(completed_at) from refund where order_id = :id and status = 'SUCCEEDED'")
                .param("id", UUID.fromString(orderPath.substring(orderPath.lastIndexOf('/') + 1)))
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant))
                .single();
    }

    /** How many refund jobs were ever queued for the order and are still pending. */
    private int refundJobs(String orderPath) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_name = 'order-refund' and task_instance = :id")
                .param("id", orderPath.substring(orderPath.lastIndexOf('/') + 1))
                .query(Integer.class)
                .single();
    }

    @Test
    void holdsThenSellsWithTickets() {
        JsonNode event = event(List.of(type("Standard", 2500, 100)));
        Api.Response placed = order(buyer.token(), event, 0, 3);
        assertThat(placed.status()).as(placed.text()).isEqualTo(201);
        JsonNode order = placed.json();
        String path = "/api/v1/orders/" + order.get("id").asString();
        assertThat(placed.header("Location")).isEqualTo(path);
        assertThat(order.get("status").asString()).isEqualTo("PENDING");
        assertThat(order.get("totalCents").asLong()).isEqualTo(7500);
        assertThat(order.get("currency").asString()).isEqualTo("GBP");
        Duration ttl = Duration.between(
                Instant.parse(order.get("createdAt").asString()),
                Instant.parse(order.get("expiresAt").asString()));
        assertThat(ttl).isEqualTo(Duration.ofMinutes(10));
        assertThat(available(event, 0)).isEqualTo(97);

        Api.Response paid = api.post(path + "/pay", buyer.token(), Map.of("paymentMethod", "test_ok"));
        assertThat(paid.status()).as(paid.text()).isEqualTo(200);
        assertThat(paid.json().get("status").asString()).isEqualTo("CONFIRMED");
        JsonNode tickets = paid.json().get("tickets");
        assertThat(tickets).hasSize(3);
        Set<String> codes = new HashSet<>();
        tickets.forEach(ticket -> codes.add(ticket.get("code").asString()));
        assertThat(codes).hasSize(3).allMatch(code -> code.length() >= 22 && code.matches("[A-Za-z0-9_-]+"));
        assertThat(available(event, 0)).isEqualTo(97);

        assertThat(api.get(path, buyer.token()).json().get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(api.get(path, organizer.token()).status()).isEqualTo(200);
        assertThat(api.get(path, api.signUp("ATTENDEE").token()).status()).isEqualTo(404);
        assertThat(api.get(path).status()).isEqualTo(401);
        JsonNode mine = api.get("/api/v1/me/orders", buyer.token()).json();
        assertThat(mine.get("items").get(0).get("id").asString())
                .isEqualTo(order.get("id").asString());
    }

    /**
     * Orders are priced from a per-node copy of the event on sale; a price another node changed
     * meanwhile (here: written straight to the table, which this node's copy does not hear of) is
     * still the one the order is held to, because the batch prices from the rows it locks.
     */
    @Test
    void anOrderIsHeldToThePriceInTheDatabaseNotToANodesCopy() {
        JsonNode event = event(List.of(type("Standard", 2500, 10)));
        Api.Response first = order(buyer.token(), event, 0, 2);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("totalCents").asLong()).isEqualTo(5000);

        jdbc.sql("update ticket_type set price_cents = 3100 where id = :id")
                .param(
                        "id",
                        UUID.fromString(
                                event.get("ticketTypes").get(0).get("id").asString()))
                .update();
        Api.Response second = order(buyer.token(), event, 0, 2);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().get("totalCents").asLong()).isEqualTo(6200);
        assertThat(second.json().get("items").get(0).get("priceCents").asLong()).isEqualTo(3100);
        String stored = "/api/v1/orders/" + second.json().get("id").asString();
        assertThat(api.get(stored, buyer.token()).json().get("totalCents").asLong())
                .isEqualTo(6200);
    }

    @Test
    void confirmsFreeOrdersAtOnce() {
        JsonNode event = event(List.of(type("Free", 0, 10)));
        Api.Response placed = order(buyer.token(), event, 0, 2);
        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.json().get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(placed.json().get("tickets")).hasSize(2);
        assertThat(available(event, 0)).isEqualTo(8);
    }

    @Test
    void aDeclinedPaymentKeepsTheHold() {
        JsonNode event = event(List.of(type("Standard", 2500, 10)));
        String path = "/api/v1/orders/"
                + order(buyer.token(), event, 0, 1).json().get("id").asString();

        Api.Response declined = api.post(path + "/pay", buyer.token(), Map.of("paymentMethod", "test_declined"));
        assertThat(declined.status()).isEqualTo(402);
        assertThat(declined.json().get("type").asString()).endsWith("/payment-declined");
        assertThat(api.get(path, buyer.token()).json().get("status").asString()).isEqualTo("PENDING");
        assertThat(available(event, 0)).isEqualTo(9);

        assertThat(api.post(path + "/pay", buyer.token(), Map.of("paymentMethod", "bitcoin"))
                        .status())
                .isEqualTo(400);
        assertThat(api.post(path + "/pay", organizer.token(), Map.of("paymentMethod", "test_ok"))
                        .status())
                .isEqualTo(403);
        assertThat(api.post(path + "/pay", buyer.token(), Map.of("paymentMethod", "test_ok"))
                        .status())
                .isEqualTo(200);
        assertThat(api.post(path + "/pay", buyer.token(), Map.of("paymentMethod", "test_ok"))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void ordersAreAllOrNothing() {
        JsonNode event = event(List.of(type("Standard", 2500, 10), type("VIP", 9000, 2)));
        Api.Response tooMany = order(buyer.token(), event, 0, 2, 1, 3);
        assertThat(tooMany.status()).isEqualTo(409);
        assertThat(tooMany.json().get("type").asString()).endsWith("/sold-out");
        assertThat(available(event, 0)).isEqualTo(10);
        assertThat(available(event, 1)).isEqualTo(2);
    }

    @Test
    void refusesSalesWhenTheEventIsNotOnSale() {
        Map<String, Object> body = Fixtures.event(venueId, "Draft", Fixtures.inDays(20));
        JsonNode draft = api.post("/api/v1/events", organizer.token(), body).json();
        Api.Response onDraft = order(buyer.token(), draft, 0, 1);
        assertThat(onDraft.status()).isEqualTo(409);
        assertThat(onDraft.json().get("type").asString()).endsWith("/sales-closed");

        JsonNode cancelled = event(List.of(type("Standard", 2500, 10)));
        api.post("/api/v1/events/" + cancelled.get("id").asString() + "/cancel", organizer.token(), null);
        assertThat(order(buyer.token(), cancelled, 0, 1).status()).isEqualTo(409);
    }

    @Test
    void validatesOrders() {
        JsonNode event = event(List.of(type("Standard", 2500, 100)));
        Api.Response tooMany = order(buyer.token(), event, 0, 7);
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.json().get("type").asString()).endsWith("/max-per-order");

        assertThat(order(buyer.token(), event, 0, 0).status()).isEqualTo(400);
        assertThat(order(null, event, 0, 1).status()).isEqualTo(401);
        Api.Response foreignType = api.post(
                "/api/v1/orders",
                buyer.token(),
                Map.of(
                        "eventId",
                        event.get("id").asString(),
                        "items",
                        List.of(Map.of(
                                "ticketTypeId", java.util.UUID.randomUUID().toString(), "quantity", 1))));
        assertThat(foreignType.status()).isEqualTo(400);
        assertThat(foreignType.json().get("errors").get(0).get("field").asString())
                .isEqualTo("items[0].ticketTypeId");
        assertThat(available(event, 0)).isEqualTo(100);
    }

    @Test
    void cancellingAHoldReleasesItAndCancellingAPurchaseRefundsIt() {
        JsonNode event = event(List.of(type("Standard", 2500, 10)));
        String hold = "/api/v1/orders/"
                + order(buyer.token(), event, 0, 2).json().get("id").asString();
        assertThat(api.post(hold + "/cancel", api.signUp("ATTENDEE").token(), null)
                        .status())
                .isEqualTo(404);
        assertThat(api.post(hold + "/cancel", buyer.token(), null)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("CANCELLED");
        assertThat(available(event, 0)).isEqualTo(10);
        assertThat(api.post(hold + "/cancel", buyer.token(), null).status()).isEqualTo(409);

        String sale = "/api/v1/orders/"
                + order(buyer.token(), event, 0, 3).json().get("id").asString();
        api.post(sale + "/pay", buyer.token(), Map.of("paymentMethod", "test_ok"));
        assertThat(available(event, 0)).isEqualTo(7);
        Api.Response refunded = api.post(sale + "/cancel", organizer.token(), null);
        assertThat(refunded.json().get("status").asString()).isEqualTo("REFUNDED");
        assertThat(available(event, 0)).isEqualTo(10);
        // the money goes back after the refund commits, through a job that records when it did
        await().atMost(30, TimeUnit.SECONDS).until(() -> refundPaidAt(sale).isPresent());
        assertThat(refundJobs(sale)).isZero();
        assertThat(refundPaidAt(hold)).as("a hold took no money").isEmpty();
    }

    @Test
    void anExpiredHoldCannotBePaidAndIsReleased() {
        JsonNode event = event(List.of(type("Standard", 2500, 10)));
        String path = "/api/v1/orders/"
                + order(buyer.token(), event, 0, 4).json().get("id").asString();
        assertThat(available(event, 0)).isEqualTo(6);

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        Api.Response late = api.post(path + "/pay", buyer.token(), Map.of("paymentMethod", "test_ok"));
        assertThat(late.status()).isEqualTo(410);
        assertThat(late.json().get("type").asString()).endsWith("/hold-expired");
        assertThat(api.get(path, buyer.token()).json().get("status").asString()).isEqualTo("EXPIRED");
        assertThat(available(event, 0)).isEqualTo(10);
        assertThat(api.post(path + "/pay", buyer.token(), Map.of("paymentMethod", "test_ok"))
                        .status())
                .isEqualTo(410);
    }

    @Test
    void cancellingAnEventReleasesHoldsAndRefundsPurchases() {
        JsonNode event = event(List.of(type("Standard", 2500, 10), type("Guest list", 0, 10)));
        String hold = "/api/v1/orders/"
                + order(buyer.token(), event, 0, 2).json().get("id").asString();
        String sale = "/api/v1/orders/"
                + order(buyer.token(), event, 0, 3).json().get("id").asString();
        api.post(sale + "/pay", buyer.token(), Map.of("paymentMethod", "test_ok"));
        String other = "/api/v1/orders/"
                + order(buyer.token(), event, 0, 1).json().get("id").asString();
        api.post(other + "/pay", buyer.token(), Map.of("paymentMethod", "test_ok"));
        String free = "/api/v1/orders/"
                + order(buyer.token(), event, 1, 2).json().get("id").asString();

        api.post("/api/v1/events/" + event.get("id").asString() + "/cancel", organizer.token(), null);
        assertThat(api.get(hold, buyer.token()).json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(api.get(sale, buyer.token()).json().get("status").asString()).isEqualTo("REFUNDED");
        assertThat(api.get(free, buyer.token()).json().get("status").asString()).isEqualTo("REFUNDED");
        assertThat(available(event, 0)).isEqualTo(10);
        assertThat(available(event, 1)).isEqualTo(10);
        // each paid order's money goes back once the cancellation has committed; a free one owes nothing
        await().atMost(30, TimeUnit.SECONDS)
                .until(() ->
                        refundPaidAt(sale).isPresent() && refundPaidAt(other).isPresent());
        assertThat(refundPaidAt(free)).isEmpty();
        assertThat(refundJobs(free)).isZero();
    }

    @Test
    void admitsEachTicketOnceAtTheDoor() {
        JsonNode event = event(List.of(type("Standard", 2500, 10)));
        String path = "/api/v1/orders/"
                + order(buyer.token(), event, 0, 2).json().get("id").asString();
        JsonNode tickets = api.post(path + "/pay", buyer.token(), Map.of("paymentMethod", "test_ok"))
                .json()
                .get("tickets");
        String code = tickets.get(0).get("code").asString();

        assertThat(api.post("/api/v1/checkins", buyer.token(), Map.of("code", code))
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/checkins", api.signUp("ORGANIZER").token(), Map.of("code", code))
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/checkins", null, Map.of("code", code)).status())
                .isEqualTo(401);
        assertThat(api.post("/api/v1/checkins", organizer.token(), Map.of("code", "no-such-code"))
                        .status())
                .isEqualTo(404);

        Api.Response admitted = api.post("/api/v1/checkins", organizer.token(), Map.of("code", code));
        assertThat(admitted.status()).isEqualTo(200);
        assertThat(admitted.json().get("ticketId").asString())
                .isEqualTo(tickets.get(0).get("id").asString());
        String at = admitted.json().get("checkedInAt").asString();

        Api.Response again = api.post("/api/v1/checkins", organizer.token(), Map.of("code", code));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asString()).endsWith("/already-checked-in");
        assertThat(again.json().get("checkedInAt").asString()).isEqualTo(at);

        JsonNode stats = api.get("/api/v1/events/" + event.get("id").asString() + "/stats", organizer.token())
                .json();
        assertThat(stats.get("sold").asLong()).isEqualTo(2);
        assertThat(stats.get("held").asLong()).isZero();
        assertThat(stats.get("checkedIn").asLong()).isEqualTo(1);
        assertThat(stats.get("revenueCents").asLong()).isEqualTo(5000);
        assertThat(stats.get("currency").asString()).isEqualTo("GBP");
        assertThat(stats.get("ticketTypes").get(0).get("quota").asInt()).isEqualTo(10);
        assertThat(api.get("/api/v1/events/" + event.get("id").asString() + "/stats", buyer.token())
                        .status())
                .isEqualTo(403);

        api.post(path + "/cancel", organizer.token(), null);
        String second = tickets.get(1).get("code").asString();
        Api.Response refunded = api.post("/api/v1/checkins", organizer.token(), Map.of("code", second));
        assertThat(refunded.status()).isEqualTo(409);
        assertThat(refunded.json().get("type").asString()).endsWith("/ticket-void");
    }
}
