package io.boxoffice.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The daily sales roll-up (the recurring job sales-rollup) and the stats that show it. */
class SalesRollupTests extends ApiTest {

    @Autowired
    private SalesRollup rollup;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void salesAndRefundsAreRolledUpPerDayAndShownInTheStats() {
        Api.Account organizer = api.signUp("ORGANIZER");
        Api.Account buyer = api.signUp("ATTENDEE");
        JsonNode event = seatsOnSale(organizer, "Rollupton", 1200);
        String eventId = event.get("id").asString();
        String typeId = event.get("ticketTypes").get(0).get("id").asString();
        String kept = buy(buyer, eventId, typeId, 3);
        String refunded = buy(buyer, eventId, typeId, 2);
        assertThat(api.post("/api/v1/orders/" + refunded + "/cancel", buyer.token(), null)
                        .status())
                .isEqualTo(200);
        // a hold that is never paid is no sale
        api.post("/api/v1/orders", buyer.token(), Fixtures.order(eventId, typeId, 1));

        // the recurring job may have run meanwhile too: it computes the same figures
        rollup.rollUpRecent();
        rollup.rollUpRecent(); // again: the same figures, not twice them

        JsonNode stats = api.get("/api/v1/events/" + eventId + "/stats", organizer.token())
                .json();
        assertThat(stats.get("daily")).hasSize(1);
        JsonNode today = stats.get("daily").get(0);
        assertThat(today.get("day").asString())
                .isEqualTo(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString());
        assertThat(today.get("orders").asInt()).isEqualTo(2);
        assertThat(today.get("tickets").asInt()).isEqualTo(5);
        assertThat(today.get("revenueCents").asLong()).isEqualTo(6000);
        assertThat(today.get("refunds").asInt()).isEqualTo(1);
        assertThat(today.get("refundedCents").asLong()).isEqualTo(2400);
        assertThat(stats.get("revenueCents").asLong()).isEqualTo(3600);
        assertThat(kept).isNotEqualTo(refunded);
    }

    @Test
    void todaysSalesCountTheMomentTheyArePaidAndOlderDaysComeFromTheRollUpNeverTwice() {
        Api.Account organizer = api.signUp("ORGANIZER");
        Api.Account buyer = api.signUp("ATTENDEE");
        JsonNode event = seatsOnSale(organizer, "Liveton", 1000);
        String eventId = event.get("id").asString();
        String typeId = event.get("ticketTypes").get(0).get("id").asString();
        LocalDate firstDay = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        buy(buyer, eventId, typeId, 2);

        // no roll-up has run since the sale: today is counted from the orders
        JsonNode daily = api.get("/api/v1/events/" + eventId + "/stats", organizer.token())
                .json()
                .get("daily");
        assertThat(daily).hasSize(1);
        assertThat(daily.get(0).get("day").asString()).isEqualTo(firstDay.toString());
        assertThat(daily.get(0).get("tickets").asInt()).isEqualTo(2);

        // a day rolled up long ago is read from the roll-up; today is never counted twice
        jdbc.sql("""
                        insert into event_sales_daily (organizer_id, event_id, day, orders, tickets, revenue_cents,
                                                       refunds, refunded_cents, rolled_up_at)
                        values (:organizerId, :eventId, :day, 3, 7, 7000, 0, 0, now())
                        """)
                .param("organizerId", java.util.UUID.fromString(organizer.id()))
                .param("eventId", java.util.UUID.fromString(eventId))
                .param("day", firstDay.minusDays(5))
                .update();
        rollup.rollUpRecent();
        buy(buyer, eventId, typeId, 1);
        daily = api.get("/api/v1/events/" + eventId + "/stats", organizer.token())
                .json()
                .get("daily");
        assertThat(daily).hasSize(2);
        assertThat(daily.get(0).get("day").asString())
                .isEqualTo(firstDay.minusDays(5).toString());
        assertThat(daily.get(0).get("tickets").asInt()).isEqualTo(7);
        assertThat(daily.get(1).get("day").asString()).isEqualTo(firstDay.toString());
        assertThat(daily.get(1).get("tickets").asInt()).isEqualTo(3);
        assertThat(daily.get(1).get("revenueCents").asLong()).isEqualTo(3000);
    }

    /** A published event of the organizer's with 50 seats at this price, at a new venue in {@code city}. */
    private JsonNode seatsOnSale(Api.Account organizer, String city, long priceCents) {
        String venueId = api.venueId(organizer.token(), city);
        return api.publishedEvent(organizer.token(), venueId, List.of(Fixtures.ticketType("Seat", priceCents, 50)));
    }

    private String buy(Api.Account buyer, String eventId, String typeId, int quantity) {
        Api.Response placed = api.post("/api/v1/orders", buyer.token(), Fixtures.order(eventId, typeId, quantity));
        assertThat(placed.status()).as(placed.text()).isEqualTo(201);
        String id = placed.json().get("id").asString();
        Api.Response paid =
                api.post("/api/v1/orders/" + id + "/pay", buyer.token(), Map.of("paymentMethod", "test_ok"));
        assertThat(paid.status()).as(paid.text()).isEqualTo(200);
        return id;
    }
}
