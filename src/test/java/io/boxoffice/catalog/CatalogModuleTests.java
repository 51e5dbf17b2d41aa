package io.boxoffice.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.boxoffice.accounts.Account;
import io.boxoffice.accounts.AccountManagement;
import io.boxoffice.accounts.NewAccount;
import io.boxoffice.platform.security.Caller;
import io.boxoffice.platform.security.Role;
import io.boxoffice.support.ApiTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.test.context.TestPropertySource;

/**
 * The catalog as a module: booted with only the modules it depends on (platform, and accounts,
 * which Spring Modulith is told to include since the security filter chain needs its live-account
 * check; no orders, search, jobs or notifications to hear it), it announces each step of an event's life
 * exactly once, and nothing for a step it refuses. Those announcements are the catalog's whole
 * contract with the modules that keep their own copies (listings, caches, refunds).
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES, extraIncludes = "accounts")
@TestPropertySource(
        properties = {
            "boxoffice.embedded.data-dir=target/test-data/${random.uuid}",
            "boxoffice.embedded.durable=false",
            "boxoffice.demo-data=false",
            "boxoffice.rate-limit.enabled=false",
            "boxoffice.admin.email=" + ApiTest.ADMIN_EMAIL,
            "boxoffice.admin.password=" + ApiTest.ADMIN_PASSWORD
        })
class CatalogModuleTests {

    @Autowired
    private Catalog catalog;

    @Autowired
    private AccountManagement accounts;

    @Autowired
    private ApplicationContext context;

    @Test
    void onlyTheCatalogAndWhatItDependsOnAreBooted() throws ClassNotFoundException {
        assertThat(context.getBeansOfType(Catalog.class)).hasSize(1);
        assertThat(context.getBeansOfType(AccountManagement.class)).hasSize(1);
        for (String absent : List.of(
                "io.boxoffice.orders.OrderManagement",
                "io.boxoffice.search.ListingIndexer",
                "io.boxoffice.jobs.JobWorker",
                "io.boxoffice.notifications.Mailer")) {
            assertThat(context.getBeanNamesForType(Class.forName(absent)))
                    .as(absent)
                    .isEmpty();
        }
    }

    @Test
    void eachStepOfAnEventsLifeIsAnnouncedOnceAndARefusedStepNotAtAll(AssertablePublishedEvents events) {
        Caller organizer = organizer();
        Venue venue = catalog.createVenue(
                organizer, new VenueDraft("Konzerthaus", "Lothringerstraße 20", "Vienna", "AT", 48.2, 16.38, 1800));
        Instant startsAt = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS);
        Event draft = catalog.createEvent(
                organizer,
                new EventDraft(
                        "Quartet",
                        null,
                        venue.id(),
                        Category.MUSIC,
                        startsAt,
                        startsAt.plus(Duration.ofHours(2)),
                        List.of(new TicketTypeDraft("Standard", 4_000L, "EUR", 100, null))));
        assertThat(events.ofType(EventPublished.class))
                .as("a draft is nobody's business")
                .isEmpty();

        catalog.publish(organizer, draft.id());
        assertThat(events.ofType(EventPublished.class)
                        .matching(published -> published.event().id().equals(draft.id())))
                .hasSize(1);

        catalog.updateEvent(
                organizer, draft.id(), new EventPatch("Quartet, Late", null, null, null, null, null, null, null));
        assertThat(events.ofType(EventChanged.class)
                        .matching(changed -> changed.event().title().equals("Quartet, Late")))
                .hasSize(1);

        catalog.cancel(organizer, draft.id());
        assertThatThrownBy(() -> catalog.cancel(organizer, draft.id())).isInstanceOf(EventCancelledAlready.class);
        assertThat(events.ofType(EventCancelled.class)
                        .matching(cancelled -> cancelled.event().id().equals(draft.id())))
                .as("cancelled once: the second cancel is refused and announces nothing")
                .hasSize(1);
    }

    @Test
    void aVenueChangeIsAnnouncedWithTheVenueAsItIsNow(AssertablePublishedEvents events) {
        Caller organizer = organizer();
        Venue venue =
                catalog.createVenue(organizer, new VenueDraft("Arena", "Am Platz 1", "Graz", "AT", 47.07, 15.44, 5000));
        catalog.updateVenue(organizer, venue.id(), new VenuePatch(null, null, null, null, null, null, 6000, null));
        assertThat(events.ofType(VenueChanged.class)
                        .matching(changed -> changed.venue().id().equals(venue.id())))
                .singleElement()
                .satisfies(changed -> assertThat(changed.venue().capacity()).isEqualTo(6000));
    }

    private Caller organizer() {
        Account account = accounts.register(new NewAccount(
                "organizer-" + UUID.randomUUID() + "@test.boxoffice.test",
                "password-for-tests",
                "Organizer",
                Role.ORGANIZER));
        return new Caller(account.id(), Set.of(Role.ORGANIZER));
    }
}
