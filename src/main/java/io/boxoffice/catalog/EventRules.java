package io.boxoffice.catalog;

import io.boxoffice.platform.domain.FieldError;
import io.boxoffice.platform.domain.InvalidInput;
import io.boxoffice.platform.id.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The rules an event's schedule, place and ticket types must keep, beyond what annotations check. */
@Component
class EventRules {

    private static final Duration MAX_LENGTH = Duration.ofDays(31);
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final Clock clock;

    EventRules(Clock clock) {
        this.clock = clock;
    }

    /** The upper-cased country code, if ISO 3166 knows it. */
    String countryCode(String code) {
        String upper = code.toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(upper)) {
            throw new InvalidInput("countryCode", "is not an ISO 3166 country code");
        }
        return upper;
    }

    /** An event starts in the future and ends after it starts, within a month. */
    void checkSchedule(Instant startsAt, Instant endsAt) {
        List<FieldError> errors = new ArrayList<>();
        if (!startsAt.isAfter(clock.instant())) {
            errors.add(new FieldError("startsAt", "must be in the future"));
        }
        if (!endsAt.isAfter(startsAt)) {
            errors.add(new FieldError("endsAt", "must be after startsAt"));
        } else if (Duration.between(startsAt, endsAt).compareTo(MAX_LENGTH) > 0) {
            errors.add(new FieldError("endsAt", "must be within 31 days of startsAt"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    /** New ticket types with fresh ids, all in one known currency. */
    List<TicketType> newTicketTypes(List<TicketTypeDraft> drafts) {
        List<TicketType> types = drafts.stream()
                .map(draft -> new TicketType(
                        Ids.newId(clock),
                        draft.name().strip(),
                        draft.priceCents(),
                        draft.currency(),
                        draft.quota(),
                        draft.maxPerOrder() != null ? draft.maxPerOrder() : TicketTypeDraft.DEFAULT_MAX_PER_ORDER))
                .toList();
        checkCurrencies(types);
        return types;
    }

    /** The ticket types a patch changes (by id) and adds (without id), checked. */
    record TicketTypeChanges(List<TicketType> changed, List<TicketType> added) {}

    /** Reads a patch's ticket-type entries: changes of existing types by id, and new types. */
    TicketTypeChanges ticketTypeChanges(Event event, List<TicketTypePatch> patches) {
        Map<UUID, TicketType> existing = new HashMap<>();
        event.ticketTypes().forEach(type -> existing.put(type.id(), type));
        List<TicketType> changed = new ArrayList<>();
        List<TicketType> added = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < patches.size(); i++) {
            TicketTypePatch patch = patches.get(i);
            String at = "ticketTypes[" + i + "]";
            if (patch.id() != null) {
                TicketType type = existing.get(patch.id());
                if (type == null) {
                    errors.add(new FieldError(at + ".id", "is not a ticket type of this event"));
                    continue;
                }
                changed.add(new TicketType(
                        type.id(),
                        patch.name() != null ? patch.name().strip() : type.name(),
                        patch.priceCents() != null ? patch.priceCents() : type.priceCents(),
                        patch.currency() != null ? patch.currency() : type.currency(),
                        patch.quota() != null ? patch.quota() : type.quota(),
                        patch.maxPerOrder() != null ? patch.maxPerOrder() : type.maxPerOrder()));
            } else if (patch.name() == null
                    || patch.priceCents() == null
                    || patch.currency() == null
                    || patch.quota() == null) {
                errors.add(new FieldError(at, "a new ticket type needs name, priceCents, currency and quota"));
            } else {
                added.add(new TicketType(
                        Ids.newId(clock),
                        patch.name().strip(),
                        patch.priceCents(),
                        patch.currency(),
                        patch.quota(),
                        patch.maxPerOrder() != null ? patch.maxPerOrder() : TicketTypeDraft.DEFAULT_MAX_PER_ORDER));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        List<TicketType> result = new ArrayList<>(event.ticketTypes());
        result.replaceAll(type -> changed.stream()
                .filter(c -> c.id().equals(type.id()))
                .findFirst()
                .orElse(type));
        result.addAll(added);
        if (result.size() > 20) {
            throw new InvalidInput("ticketTypes", "an event has at most 20 ticket types");
        }
        checkCurrencies(result);
        return new TicketTypeChanges(changed, added);
    }

    private static void checkCurrencies(List<TicketType> types) {
        for (int i = 0; i < types.size(); i++) {
            String code = types.get(i).currency();
            if (Currency.getAvailableCurrencies().stream()
                    .noneMatch(c -> c.getCurrencyCode().equals(code))) {
                throw new InvalidInput("ticketTypes[" + i + "].currency", "is not an ISO 4217 currency");
            }
            if (!code.equals(types.getFirst().currency())) {
                throw new InvalidInput(
                        "ticketTypes[" + i + "].currency", "all ticket types of an event share one currency");
            }
            // prices are in hundredths; a currency without subunits (JPY, KRW) is charged in whole units
            if (Currency.getInstance(code).getDefaultFractionDigits() == 0
                    && types.get(i).priceCents() % 100 != 0) {
                throw new InvalidInput(
                        "ticketTypes[" + i + "].priceCents",
                        code + " has no subunits: the price must be a whole number of " + code
                                + " (a multiple of 100)");
            }
        }
    }
}
