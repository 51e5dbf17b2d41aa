package io.boxoffice.catalog;

import io.boxoffice.platform.domain.FieldError;
import io.boxoffice.platform.domain.InvalidInput;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The organizer's event form exactly as typed, so that a form with a mistake comes back as it was
 * sent. Times are entered and shown as local times at the event's venue (in its time zone); prices
 * in major units ({@code 25.00}). A ticket type row without a name is an unused row.
 *
 * @param rows ticket type rows: the event's own (with their ids) then empty ones for new types
 */
record EventForm(
        String title,
        String description,
        String venueId,
        String category,
        String startsAt,
        String endsAt,
        String currency,
        List<Row> rows,
        OnSaleRow onSale) {

    static final int NEW_ROWS = 2;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    /** One ticket type row. */
    record Row(String id, String name, String price, String quota, String maxPerOrder) {

        static Row empty() {
            return new Row("", "", "", "", "");
        }

        boolean used() {
            return !name.isBlank();
        }
    }

    /** The on-sale fields: all blank for an event that goes on sale when published. */
    record OnSaleRow(String at, boolean waitingRoom, String admissionsPerMinute, String checkoutMinutes) {

        static OnSaleRow empty() {
            return new OnSaleRow("", false, "", "");
        }
    }

    /** A blank form for a new event. */
    static EventForm blank() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i <= NEW_ROWS; i++) {
            rows.add(Row.empty());
        }
        return new EventForm("", "", "", "", "", "", "EUR", rows, OnSaleRow.empty());
    }

    /** The form of an existing event, with room for new ticket types. */
    static EventForm of(Event event) {
        List<Row> rows = new ArrayList<>();
        for (TicketType type : event.ticketTypes()) {
            rows.add(new Row(
                    type.id().toString(),
                    type.name(),
                    BigDecimal.valueOf(type.priceCents(), 2).toPlainString(),
                    Integer.toString(type.quota()),
                    Integer.toString(type.maxPerOrder())));
        }
        for (int i = 0; i < NEW_ROWS; i++) {
            rows.add(Row.empty());
        }
        return new EventForm(
                event.title(),
                event.description(),
                event.venue().id().toString(),
                event.category().name(),
                LOCAL.format(event.startsAt().atZone(event.venue().zone())),
                LOCAL.format(event.endsAt().atZone(event.venue().zone())),
                event.ticketTypes().isEmpty()
                        ? "EUR"
                        : event.ticketTypes().getFirst().currency(),
                rows,
                event.onSale() == null
                        ? OnSaleRow.empty()
                        : new OnSaleRow(
                                LOCAL.format(
                                        event.onSale().at().atZone(event.venue().zone())),
                                event.onSale().waitingRoom(),
                                Integer.toString(event.onSale().admissionsPerMinute()),
                                Integer.toString(event.onSale().checkoutMinutes())));
    }

    /** The form as sent: {@code type-id-N}, {@code type-name-N}, … for each row N. */
    static EventForm sent(Map<String, String> fields) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; fields.containsKey("type-name-" + i) && i < 40; i++) {
            rows.add(new Row(
                    fields.getOrDefault("type-id-" + i, ""),
                    fields.getOrDefault("type-name-" + i, ""),
                    fields.getOrDefault("type-price-" + i, ""),
                    fields.getOrDefault("type-quota-" + i, ""),
                    fields.getOrDefault("type-max-" + i, "")));
        }
        return new EventForm(
                fields.getOrDefault("title", ""),
                fields.getOrDefault("description", ""),
                fields.getOrDefault("venueId", ""),
                fields.getOrDefault("category", ""),
                fields.getOrDefault("startsAt", ""),
                fields.getOrDefault("endsAt", ""),
                fields.getOrDefault("currency", "").strip().toUpperCase(Locale.ROOT),
                rows,
                new OnSaleRow(
                        fields.getOrDefault("onSaleAt", ""),
                        fields.containsKey("waitingRoom"),
                        fields.getOrDefault("admissionsPerMinute", ""),
                        fields.getOrDefault("checkoutMinutes", "")));
    }

    /**
     * The new event this form describes; field checks beyond parsing are the validator's. The
     * times are read in the chosen venue's zone, as {@code zoneOf} gives it.
     */
    EventDraft draft(Function<UUID, ZoneId> zoneOf) {
        Parsed parsed = parse(zoneOf);
        List<TicketTypeDraft> types = parsed.types.stream()
                .map(type -> new TicketTypeDraft(type.name, type.priceCents, currency, type.quota, type.maxPerOrder))
                .toList();
        return new EventDraft(
                title, description, parsed.venueId, parsed.category, parsed.startsAt, parsed.endsAt, types);
    }

    /** The change to an existing event this form describes: every field, as the form shows them all. */
    EventPatch patch(Function<UUID, ZoneId> zoneOf) {
        Parsed parsed = parse(zoneOf);
        List<TicketTypePatch> types = parsed.types.stream()
                .map(type -> new TicketTypePatch(
                        type.id, type.name, type.priceCents, currency, type.quota, type.maxPerOrder))
                .toList();
        return new EventPatch(
                title,
                description,
                parsed.venueId,
                parsed.category,
                parsed.startsAt,
                parsed.endsAt,
                types,
                parsed.onSale);
    }

    private record ParsedType(
            @Nullable UUID id,
            String name,
            Long priceCents,
            Integer quota,
            @Nullable Integer maxPerOrder) {}

    private record Parsed(
            UUID venueId,
            Category category,
            Instant startsAt,
            Instant endsAt,
            List<ParsedType> types,
            @Nullable OnSalePatch onSale) {}

    private Parsed parse(Function<UUID, ZoneId> zoneOf) {
        List<FieldError> errors = new ArrayList<>();
        UUID venue = null;
        try {
            venue = UUID.fromString(venueId);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("venueId", "Choose one of your venues."));
        }
        Category kind = null;
        try {
            kind = Category.valueOf(category);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("category", "Choose a category."));
        }
        ZoneId zone = venue == null ? ZoneOffset.UTC : zoneOf.apply(venue);
        Instant start = time(startsAt, zone, "startsAt", "the start", errors);
        Instant end = time(endsAt, zone, "endsAt", "the end", errors);
        List<ParsedType> types = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (!row.used()) {
                continue;
            }
            String label = "Ticket type “" + row.name().strip() + "”";
            UUID id = null;
            if (!row.id().isBlank()) {
                try {
                    id = UUID.fromString(row.id());
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("type-id-" + i, label + " is not one of this event's."));
                }
            }
            Long price = price(row.price(), "type-price-" + i, label, errors);
            Integer quota = number(row.quota(), "type-quota-" + i, label + ": the number on sale", errors);
            Integer max = row.maxPerOrder().isBlank()
                    ? null
                    : number(row.maxPerOrder(), "type-max-" + i, label + ": the most per order", errors);
            types.add(new ParsedType(id, row.name().strip(), price, quota, max));
        }
        if (types.isEmpty()) {
            errors.add(new FieldError("type-name-0", "Add at least one ticket type."));
        }
        OnSalePatch sale = onSale(zone, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new Parsed(venue, kind, start, end, types, sale);
    }

    /** The on-sale settings as entered: none while the time is blank, the numbers optional. */
    private @Nullable OnSalePatch onSale(ZoneId zone, List<FieldError> errors) {
        if (onSale.at().isBlank()) {
            return null;
        }
        Instant at = time(onSale.at(), zone, "onSaleAt", "the on-sale", errors);
        Integer admissions = onSale.admissionsPerMinute().isBlank()
                ? null
                : number(onSale.admissionsPerMinute(), "admissionsPerMinute", "Admissions per minute", errors);
        Integer checkout = onSale.checkoutMinutes().isBlank()
                ? null
                : number(onSale.checkoutMinutes(), "checkoutMinutes", "Minutes to check out", errors);
        return at == null ? null : new OnSalePatch(at, onSale.waitingRoom(), admissions, checkout);
    }

    /**
     * A local time at the venue as an instant. A time the clocks skip (the hour lost in spring) is
     * refused; in the hour repeated in autumn, the first of the two is meant.
     */
    private static @Nullable Instant time(
            String value, ZoneId zone, String field, String what, List<FieldError> errors) {
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "Enter the date and time of " + what + "."));
            return null;
        }
        if (zone.getRules().getValidOffsets(local).isEmpty()) {
            errors.add(new FieldError(
                    field,
                    "The clocks go forward then in " + zone.getId() + ", so that time does not exist there."
                            + " Choose another time for " + what + "."));
            return null;
        }
        return local.atZone(zone).toInstant();
    }

    private static @Nullable Long price(String value, String field, String label, List<FieldError> errors) {
        try {
            BigDecimal amount = new BigDecimal(value.strip());
            if (amount.scale() > 2 || amount.signum() < 0 || amount.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
                throw new NumberFormatException();
            }
            return amount.setScale(2, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            errors.add(new FieldError(field, label + ": enter a price such as 25.00 (0 for free)."));
            return null;
        }
    }

    private static @Nullable Integer number(String value, String field, String what, List<FieldError> errors) {
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, what + " must be a whole number."));
            return null;
        }
    }
}
