package io.boxoffice.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Request bodies the tests build on: a valid venue and a valid event, to vary one field at a time. */
public final class Fixtures {

    private Fixtures() {}

    public static Map<String, Object> venue(String city) {
        Map<String, Object> venue = new LinkedHashMap<>();
        venue.put("name", "Test Hall");
        venue.put("address", "1 Test Street");
        venue.put("city", city);
        venue.put("countryCode", "GB");
        venue.put("latitude", 51.5);
        venue.put("longitude", -0.12);
        venue.put("capacity", 1000);
        return venue;
    }

    public static Map<String, Object> event(String venueId, String title, Instant startsAt) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("title", title);
        event.put("description", "An evening of tests");
        event.put("venueId", venueId);
        event.put("category", "MUSIC");
        event.put("startsAt", startsAt.toString());
        event.put("endsAt", startsAt.plus(3, ChronoUnit.HOURS).toString());
        event.put("ticketTypes", List.of(ticketType("Standard", 2500)));
        return event;
    }

    public static Map<String, Object> ticketType(String name, long priceCents) {
        Map<String, Object> type = new LinkedHashMap<>();
        type.put("name", name);
        type.put("priceCents", priceCents);
        type.put("currency", "GBP");
        type.put("quota", 100);
        type.put("maxPerOrder", 6);
        return type;
    }

    /** A GBP ticket type of the given price and quota. */
    public static Map<String, Object> ticketType(String name, long priceCents, int quota) {
        Map<String, Object> type = ticketType(name, priceCents);
        type.put("quota", quota);
        return type;
    }

    /** The body of {@code POST /orders} for {@code quantity} tickets of one type. */
    public static Map<String, Object> order(String eventId, String ticketTypeId, int quantity) {
        return Map.of("eventId", eventId, "items", List.of(Map.of("ticketTypeId", ticketTypeId, "quantity", quantity)));
    }

    /** An order of {@code quantity} tickets of the first ticket type of {@code event} (an event as the API returns it). */
    public static Map<String, Object> order(JsonNode event, int quantity) {
        return order(
                event.get("id").asString(),
                event.get("ticketTypes").get(0).get("id").asString(),
                quantity);
    }

    /** A start time {@code days} days from now, on a whole hour. */
    public static Instant inDays(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    }
}
