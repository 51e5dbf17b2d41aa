package io.boxoffice.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.boxoffice.platform.domain.FieldError;
import io.boxoffice.platform.domain.InvalidInput;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The catalog's rules without Spring or a database: schedules, countries, ticket types, the lifecycle. */
@Tag("fast")
class EventRulesTests {

    private static final Instant NOW = Instant.parse("2027-03-01T12:00:00Z");
    private final EventRules rules = new EventRules(Clock.fixed(NOW, ZoneOffset.UTC));

    private static List<String> fields(Throwable invalid) {
        return ((InvalidInput) invalid)
                .fieldErrors().stream().map(FieldError::field).toList();
    }

    @Test
    void anEventStartsInTheFutureAndLastsMoreThanNothingAndAtMostAMonth() {
        rules.checkSchedule(NOW.plusSeconds(1), NOW.plus(Duration.ofDays(31)));
        assertThatThrownBy(() -> rules.checkSchedule(NOW, NOW.plusSeconds(60)))
                .satisfies(e -> assertThat(fields(e)).containsExactly("startsAt"));
        assertThatThrownBy(() -> rules.checkSchedule(NOW.plusSeconds(60), NOW.plusSeconds(60)))
                .satisfies(e -> assertThat(fields(e)).containsExactly("endsAt"));
        assertThatThrownBy(() -> rules.checkSchedule(NOW.minusSeconds(1), NOW.plus(Duration.ofDays(32))))
                .satisfies(e -> assertThat(fields(e)).containsExactly("startsAt", "endsAt"));
    }

    @Test
    void countriesAreIsoCodesInUpperCase() {
        assertThat(rules.countryCode("at")).isEqualTo("AT");
        assertThatThrownBy(() -> rules.countryCode("XQ"))
                .satisfies(e -> assertThat(fields(e)).containsExactly("countryCode"));
    }

    @Test
    void newTicketTypesGetIdsAndTheDefaultLimitAndShareOneKnownCurrency() {
        List<TicketType> types = rules.newTicketTypes(List.of(
                new TicketTypeDraft(" Standard ", 2500L, "EUR", 100, null),
                new TicketTypeDraft("VIP", 9000L, "EUR", 10, 2)));
        assertThat(types).extracting(TicketType::name).containsExactly("Standard", "VIP");
        assertThat(types).extracting(TicketType::maxPerOrder).containsExactly(TicketTypeDraft.DEFAULT_MAX_PER_ORDER, 2);
        assertThat(types.get(0).id()).isNotEqualTo(types.get(1).id());
        assertThatThrownBy(() -> rules.newTicketTypes(List.of(
                        new TicketTypeDraft("A", 1L, "EUR", 1, null), new TicketTypeDraft("B", 1L, "GBP", 1, null))))
                .satisfies(e -> assertThat(fields(e)).containsExactly("ticketTypes[1].currency"));
        assertThatThrownBy(() -> rules.newTicketTypes(List.of(new TicketTypeDraft("A", 1L, "XXQ", 1, null))))
                .satisfies(e -> assertThat(fields(e)).containsExactly("ticketTypes[0].currency"));
        // yen have no subunits: 1,500 yen is 150000 hundredths, 1,500.5 yen is nothing a card can pay
        assertThat(rules.newTicketTypes(List.of(new TicketTypeDraft("A", 150_000L, "JPY", 1, null))))
                .hasSize(1);
        assertThatThrownBy(() -> rules.newTicketTypes(List.of(new TicketTypeDraft("A", 150_050L, "JPY", 1, null))))
                .satisfies(e -> assertThat(fields(e)).containsExactly("ticketTypes[0].priceCents"));
    }

    @Test
    void aPatchChangesTypesByIdAddsTheRestAndNeverMakesMoreThanTwenty() {
        TicketType standard = new TicketType(UUID.randomUUID(), "Standard", 2500, "EUR", 100, 10);
        Event event = event(List.of(standard));

        EventRules.TicketTypeChanges changes = rules.ticketTypeChanges(
                event,
                List.of(
                        new TicketTypePatch(standard.id(), null, 3000L, null, null, null),
                        new TicketTypePatch(null, "Student", 1200L, "EUR", 50, null)));
        assertThat(changes.changed()).singleElement().satisfies(type -> {
            assertThat(type.priceCents()).isEqualTo(3000);
            assertThat(type.name()).isEqualTo("Standard");
            assertThat(type.quota()).isEqualTo(100);
        });
        assertThat(changes.added()).singleElement().extracting(TicketType::name).isEqualTo("Student");

        assertThatThrownBy(() -> rules.ticketTypeChanges(
                        event, List.of(new TicketTypePatch(UUID.randomUUID(), "Ghost", null, null, null, null))))
                .satisfies(e -> assertThat(fields(e)).containsExactly("ticketTypes[0].id"));
        assertThatThrownBy(() ->
                        rules.ticketTypeChanges(event, List.of(new TicketTypePatch(null, "Half", 100L, null, 5, null))))
                .satisfies(e -> assertThat(fields(e)).containsExactly("ticketTypes[0]"));
        List<TicketTypePatch> twenty = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            twenty.add(new TicketTypePatch(null, "Type " + i, 100L, "EUR", 5, null));
        }
        assertThatThrownBy(() -> rules.ticketTypeChanges(event, twenty))
                .satisfies(e -> assertThat(fields(e)).containsExactly("ticketTypes"));
    }

    @Test
    void aDraftIsPublishedOnlyWithTicketTypesBeforeItStartsAndCancelledEventsAreFinal() {
        TicketType standard = new TicketType(UUID.randomUUID(), "Standard", 2500, "EUR", 100, 10);
        assertThatThrownBy(() -> event(List.of()).publishedAt(NOW)).isInstanceOf(NotPublishable.class);
        assertThatThrownBy(() -> event(List.of(standard)).publishedAt(NOW.plus(Duration.ofDays(30))))
                .isInstanceOf(NotPublishable.class);

        Event published = event(List.of(standard)).publishedAt(NOW);
        assertThat(published.status()).isEqualTo(EventStatus.PUBLISHED);
        assertThat(published.publishedAt()).isEqualTo(NOW);
        assertThat(published.visibleToAll()).isTrue();

        Event cancelled = published.cancelledAt(NOW.plusSeconds(5));
        assertThat(cancelled.status()).isEqualTo(EventStatus.CANCELLED);
        assertThat(cancelled.publishedAt()).as("kept").isEqualTo(NOW);
        assertThat(cancelled.cancelledAt()).isEqualTo(NOW.plusSeconds(5));
        assertThatThrownBy(() -> cancelled.cancelledAt(NOW.plusSeconds(6))).isInstanceOf(EventCancelledAlready.class);
        assertThatThrownBy(() -> cancelled.publishedAt(NOW.plusSeconds(6))).isInstanceOf(EventCancelledAlready.class);
        assertThat(event(List.of(standard)).visibleToAll()).as("a draft").isFalse();
    }

    private static Event event(List<TicketType> types) {
        Venue venue = new Venue(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Hall",
                "1 Street",
                "Vienna",
                "AT",
                48.2,
                16.37,
                "Europe/Vienna",
                500,
                NOW,
                NOW);
        Instant starts = NOW.plus(Duration.ofDays(20));
        return new Event(
                UUID.randomUUID(),
                venue.organizerId(),
                "Show",
                "An evening",
                Category.MUSIC,
                EventStatus.DRAFT,
                starts,
                starts.plus(Duration.ofHours(3)),
                venue,
                types,
                NOW,
                NOW,
                null,
                null,
                null);
    }
}
