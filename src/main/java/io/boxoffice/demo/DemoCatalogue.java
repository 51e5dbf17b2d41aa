package io.boxoffice.demo;

import io.boxoffice.catalog.Category;
import io.boxoffice.catalog.EventDraft;
import io.boxoffice.catalog.TicketTypeDraft;
import io.boxoffice.catalog.Venue;
import io.boxoffice.catalog.VenueDraft;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The demo venues and events: made up, varied, and the same on every machine (fixed seed). */
final class DemoCatalogue {

    static final int VENUES_PER_CITY = 5;
    static final int EVENTS = 2000;

    /** A city the demo has venues in. */
    private record City(
            String name, String countryCode, String currency, String timeZone, double latitude, double longitude) {}

    private static final List<City> CITIES = List.of(
            new City("London", "GB", "GBP", "Europe/London", 51.5074, -0.1278),
            new City("Paris", "FR", "EUR", "Europe/Paris", 48.8566, 2.3522),
            new City("Berlin", "DE", "EUR", "Europe/Berlin", 52.5200, 13.4050),
            new City("Madrid", "ES", "EUR", "Europe/Madrid", 40.4168, -3.7038),
            new City("Rome", "IT", "EUR", "Europe/Rome", 41.9028, 12.4964),
            new City("Amsterdam", "NL", "EUR", "Europe/Amsterdam", 52.3676, 4.9041),
            new City("Vienna", "AT", "EUR", "Europe/Vienna", 48.2082, 16.3738),
            new City("Prague", "CZ", "CZK", "Europe/Prague", 50.0755, 14.4378),
            new City("Lisbon", "PT", "EUR", "Europe/Lisbon", 38.7223, -9.1393),
            new City("Dublin", "IE", "EUR", "Europe/Dublin", 53.3498, -6.2603));

    private static final List<String> VENUE_KINDS =
            List.of("Arena", "Hall", "Theatre", "Club", "Stadium", "Forum", "Pavilion", "Playhouse");
    private static final List<String> VENUE_NAMES =
            List.of("Royal", "Grand", "Riverside", "Old Town", "Harbour", "Central", "Northern", "Garden", "Union");
    private static final List<String> ADJECTIVES = List.of(
            "Midnight", "Electric", "Golden", "Silent", "Wild", "Velvet", "Neon", "Crimson", "Endless", "Lunar");
    private static final List<String> NOUNS = List.of(
            "Echoes", "Horizons", "Tides", "Voices", "Lights", "Rhythms", "Dreams", "Stories", "Waves", "Roads");
    private static final List<String> FORMATS =
            List.of("Live", "Tour", "Night", "Sessions", "Showcase", "Gala", "Weekend", "Experience");

    private final Random random = new Random(20261123L);
    private final Instant now;

    DemoCatalogue(Instant now) {
        this.now = now.truncatedTo(ChronoUnit.DAYS);
    }

    List<VenueDraft> venues() {
        List<VenueDraft> venues = new ArrayList<>();
        for (City city : CITIES) {
            for (int i = 0; i < VENUES_PER_CITY; i++) {
                String name = pick(VENUE_NAMES) + " " + pick(VENUE_KINDS) + " " + city.name();
                venues.add(new VenueDraft(
                        name,
                        (10 + random.nextInt(190)) + " " + pick(NOUNS) + " Street",
                        city.name(),
                        city.countryCode(),
                        city.latitude() + (random.nextDouble() - 0.5) * 0.1,
                        city.longitude() + (random.nextDouble() - 0.5) * 0.1,
                        500 + random.nextInt(40) * 500,
                        city.timeZone()));
            }
        }
        return venues;
    }

    List<EventDraft> events(List<Venue> venues) {
        List<EventDraft> events = new ArrayList<>(EVENTS);
        Category[] categories = Category.values();
        for (int i = 0; i < EVENTS; i++) {
            Venue venue = venues.get(random.nextInt(venues.size()));
            Category category = categories[random.nextInt(categories.length)];
            String currency = CITIES.stream()
                    .filter(city -> city.name().equals(venue.city()))
                    .findFirst()
                    .orElseThrow()
                    .currency();
            // doors in the evening where the venue is: 17:00 to 20:30 local time
            Instant startsAt = LocalDate.ofInstant(now, ZoneOffset.UTC)
                    .plusDays(1 + random.nextInt(365))
                    .atTime(17, 0)
                    .plusMinutes(30L * random.nextInt(8))
                    .atZone(venue.zone())
                    .toInstant();
            String title = pick(ADJECTIVES) + " " + pick(NOUNS) + " " + pick(FORMATS);
            events.add(new EventDraft(
                    title,
                    "A " + category.name().toLowerCase() + " event at " + venue.name() + " in " + venue.city() + ". "
                            + pick(ADJECTIVES) + " " + pick(NOUNS).toLowerCase() + " for one night only.",
                    venue.id(),
                    category,
                    startsAt,
                    startsAt.plus(Duration.ofHours(2 + random.nextInt(3))),
                    ticketTypes(venue.capacity(), currency)));
        }
        return events;
    }

    private List<TicketTypeDraft> ticketTypes(int capacity, String currency) {
        long base = (15 + random.nextInt(60)) * 100L;
        int standard = capacity * 3 / 4;
        List<TicketTypeDraft> types = new ArrayList<>();
        types.add(new TicketTypeDraft("Standard", base, currency, standard, 10));
        types.add(new TicketTypeDraft("VIP", base * 3, currency, capacity - standard, 4));
        if (random.nextBoolean()) {
            types.add(new TicketTypeDraft("Early bird", base * 3 / 4, currency, 100, 6));
        }
        return types;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
