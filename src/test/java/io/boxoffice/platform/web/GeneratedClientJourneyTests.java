package io.boxoffice.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.boxoffice.client.ApiClient;
import io.boxoffice.client.ApiException;
import io.boxoffice.client.api.AccountsApi;
import io.boxoffice.client.api.CatalogApi;
import io.boxoffice.client.api.OrdersApi;
import io.boxoffice.client.api.SearchApi;
import io.boxoffice.client.model.Availability;
import io.boxoffice.client.model.Checkin;
import io.boxoffice.client.model.Event;
import io.boxoffice.client.model.EventDraft;
import io.boxoffice.client.model.Line;
import io.boxoffice.client.model.Listing;
import io.boxoffice.client.model.NewAccount;
import io.boxoffice.client.model.NewOrder;
import io.boxoffice.client.model.Order;
import io.boxoffice.client.model.PaymentRequest;
import io.boxoffice.client.model.Scan;
import io.boxoffice.client.model.Stats;
import io.boxoffice.client.model.TicketTypeDraft;
import io.boxoffice.client.model.TokenRequest;
import io.boxoffice.client.model.Venue;
import io.boxoffice.client.model.VenueDraft;
import io.boxoffice.support.ApiTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * The README's walkthrough through a client generated from docs/openapi.json by OpenAPI
 * Generator (Java, native HTTP client), as a user of the API would generate one: sign up, venue,
 * event, publish, search, order, pay, check in, stats. Every call is one the document describes;
 * if the generated client could not express one, the document would be wrong.
 */
class GeneratedClientJourneyTests extends ApiTest {

    @Value("${local.server.port}")
    private int port;

    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    private String signUpAndIn(NewAccount.RoleEnum role) throws ApiException {
        String email = role.getValue().toLowerCase() + "-" + UUID.randomUUID() + "@client.boxoffice.test";
        AccountsApi accounts = new AccountsApi(client(null));
        accounts.signUp(
                new NewAccount()
                        .email(email)
                        .password("correct-horse-battery")
                        .displayName("Generated")
                        .role(role),
                null);
        return accounts.signIn(new TokenRequest().email(email).password("correct-horse-battery"), null)
                .getAccessToken();
    }

    @Test
    void theWalkthroughRunsThroughAGeneratedClient() throws ApiException {
        String organizer = signUpAndIn(NewAccount.RoleEnum.ORGANIZER);
        CatalogApi catalog = new CatalogApi(client(organizer));
        Venue venue = catalog.createVenue(
                new VenueDraft()
                        .name("Harbour Hall")
                        .address("1 Quay Street")
                        .city("Bristol")
                        .countryCode("GB")
                        .latitude(51.4508)
                        .longitude(-2.5967)
                        .capacity(800),
                null);
        OffsetDateTime starts = OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).truncatedTo(ChronoUnit.HOURS);
        Event draft = catalog.createEvent(
                new EventDraft()
                        .title("Generated Jazz Night")
                        .description("Late-night jazz by the water")
                        .venueId(venue.getId())
                        .category(EventDraft.CategoryEnum.MUSIC)
                        .startsAt(starts)
                        .endsAt(starts.plusHours(4))
                        .ticketTypes(List.of(
                                new TicketTypeDraft()
                                        .name("Standard")
                                        .priceCents(2500L)
                                        .currency("GBP")
                                        .quota(700)
                                        .maxPerOrder(6),
                                new TicketTypeDraft()
                                        .name("VIP")
                                        .priceCents(7500L)
                                        .currency("GBP")
                                        .quota(100)
                                        .maxPerOrder(2))),
                null);
        assertThat(draft.getStatus()).isEqualTo(Event.StatusEnum.DRAFT);
        Event published = catalog.publishEvent(draft.getId(), null);
        assertThat(published.getStatus()).isEqualTo(Event.StatusEnum.PUBLISHED);

        SearchApi search = new SearchApi(client(null));
        Listing found =
                search.listEvents("generated jazz", null, null, null, null, null, null, null, null, null, null, null);
        assertThat(found.getItems()).anySatisfy(item -> {
            assertThat(item.getId()).isEqualTo(draft.getId());
            assertThat(item.getVenue().getTimeZone()).isEqualTo("Europe/London");
        });
        Listing near = search.listEvents(
                null, null, null, null, starts.plusDays(1), "51.45,-2.59", 5.0, null, null, "id,title", null, null);
        assertThat(near.getItems())
                .anySatisfy(item -> assertThat(item.getTitle()).isEqualTo("Generated Jazz Night"));

        Event read = catalog.getEvent(draft.getId(), null, null);
        UUID standard = read.getTicketTypes().getFirst().getId();
        String buyer = signUpAndIn(NewAccount.RoleEnum.ATTENDEE);
        OrdersApi orders = new OrdersApi(client(buyer));
        Order held = orders.placeOrder(
                new NewOrder()
                        .eventId(draft.getId())
                        .items(List.of(new Line().ticketTypeId(standard).quantity(2))),
                UUID.randomUUID().toString(),
                null, // no Admission-Token: this event sells without a waiting room
                null);
        assertThat(held.getStatus()).isEqualTo(Order.StatusEnum.PENDING);
        assertThat(held.getTotalCents()).isEqualTo(5000L);
        Availability left = new OrdersApi(client(null)).getAvailability(draft.getId(), null, null);
        assertThat(left.getTicketTypes())
                .anySatisfy(type -> assertThat(type.getAvailable()).isEqualTo(698));

        Order paid = orders.payOrder(held.getId(), new PaymentRequest().paymentMethod("test_ok"), null, null);
        assertThat(paid.getStatus()).isEqualTo(Order.StatusEnum.CONFIRMED);
        assertThat(paid.getTickets()).hasSize(2);

        OrdersApi door = new OrdersApi(client(organizer));
        Checkin admitted =
                door.checkIn(new Scan().code(paid.getTickets().getFirst().getCode()), null);
        assertThat(admitted.getTicketId())
                .isEqualTo(paid.getTickets().getFirst().getId());
        // the second scan of the same ticket: a problem the client surfaces as its status
        assertThatThrownBy(() -> door.checkIn(
                        new Scan().code(paid.getTickets().getFirst().getCode()), null))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        refused -> assertThat(refused.getCode()).isEqualTo(409));

        Stats stats = door.getEventStats(draft.getId(), null, null);
        assertThat(stats.getSold()).isEqualTo(2L);
        assertThat(stats.getCheckedIn()).isEqualTo(1L);
        assertThat(stats.getRevenueCents()).isEqualTo(5000L);
    }
}
