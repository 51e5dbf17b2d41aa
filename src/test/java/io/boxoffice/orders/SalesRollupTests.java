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
import tools.jackson.databind.JsonNode;

/** The daily sales roll-up (the recurring job sales-rollup) and the stats that show it. */
class SalesRollupTests extends ApiTest {

    @Autowired
    private SalesRollup rollup;

    @Test
    void salesAndRefundsAreRolledUpPerDayAndShownInTheStats() {
        Api.Account organizer = api.signUp("ORGANIZER");
        Api.Account buyer = api.signUp("ATTENDEE");
        String venueId = api.post("/api/v1/venues", organizer.token(), Fixtures.venue("Rollupton"))
                .json()
                .get("id")
                .asString();
        JsonNode event = api.publishedEvent(organizer.token(), venueId, List.of(Fixtures.ticketType("Seat", 1200, 50)));
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
