package io.boxoffice.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.boxoffice.catalog.Category;
import io.boxoffice.catalog.Event;
import io.boxoffice.catalog.EventStatus;
import io.boxoffice.catalog.TicketType;
import io.boxoffice.catalog.Venue;
import io.boxoffice.orders.OrderProblems.TooManyTickets;
import io.boxoffice.platform.domain.FieldError;
import io.boxoffice.platform.domain.InvalidInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** What an order costs, without Spring or a database: prices as the event has them, lines checked together. */
@Tag("fast")
class PricingTests {

    private static final Instant AT = Instant.parse("2027-05-01T18:00:00Z");
    private static final TicketType STANDARD = new TicketType(id(1), "Standard", 2_500, "EUR", 100, 10);
    private static final TicketType VIP = new TicketType(id(2), "VIP", 9_000, "EUR", 10, 2);
    private static final Event EVENT = event(List.of(STANDARD, VIP));

    @Property(tries = 200)
    void theTotalIsEachLineAtItsTypesPriceInTheEventsCurrency(
            @ForAll @Size(min = 1, max = 5) List<@LongRange(min = 0, max = 100_000_000) Long> prices,
            @ForAll @IntRange(min = 1, max = 100) int quantity) {
        List<TicketType> types = new ArrayList<>();
        List<NewOrder.Line> lines = new ArrayList<>();
        long expected = 0;
        for (int i = 0; i < prices.size(); i++) {
            types.add(new TicketType(id(10 + i), "Type " + i, prices.get(i), "JPY", 1_000, 100));
            lines.add(new NewOrder.Line(id(10 + i), quantity));
            expected += prices.get(i) * quantity;
        }
        Pricing.Priced priced = Pricing.price(event(types), lines);
        assertThat(priced.totalCents()).isEqualTo(expected);
        assertThat(priced.currency()).isEqualTo("JPY");
        assertThat(priced.items())
                .extracting(Order.Item::ticketTypeId)
                .containsExactlyElementsOf(
                        lines.stream().map(NewOrder.Line::ticketTypeId).toList());
        assertThat(priced.items()).extracting(Order.Item::priceCents).containsExactlyElementsOf(prices);
    }

    @Property(tries = 20)
    void aFreeOrderCostsNothing(@ForAll @IntRange(min = 1, max = 10) int quantity) {
        TicketType free = new TicketType(id(3), "Free", 0, "EUR", 100, 10);
        assertThat(Pricing.price(event(List.of(free)), List.of(new NewOrder.Line(free.id(), quantity)))
                        .totalCents())
                .isZero();
    }

    @Example
    void linesNamingAnotherEventsTypeOrATypeTwiceAreReportedTogether() {
        List<NewOrder.Line> lines = List.of(
                new NewOrder.Line(STANDARD.id(), 1),
                new NewOrder.Line(id(99), 1),
                new NewOrder.Line(STANDARD.id(), 2),
                new NewOrder.Line(VIP.id(), 1));
        assertThatThrownBy(() -> Pricing.price(EVENT, lines))
                .isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).fieldErrors())
                        .extracting(FieldError::field)
                        .containsExactly("items[1].ticketTypeId", "items[2].ticketTypeId"));
    }

    @Example
    void moreOfATypeThanOneOrderMayTakeIsRefusedNamingTheType() {
        assertThat(Pricing.price(EVENT, List.of(new NewOrder.Line(VIP.id(), 2))).totalCents())
                .isEqualTo(18_000);
        assertThatThrownBy(() -> Pricing.price(EVENT, List.of(new NewOrder.Line(VIP.id(), 3))))
                .isInstanceOf(TooManyTickets.class)
                .hasMessageContaining("At most 2 tickets of \"VIP\"");
    }

    private static Event event(List<TicketType> types) {
        UUID organizer = id(500);
        Venue venue = new Venue(
                id(600), organizer, "Hall", "Ring 1", "Vienna", "AT", 48.2, 16.37, "Europe/Vienna", 500, AT, AT);
        return new Event(
                id(700),
                organizer,
                "Night",
                "",
                Category.MUSIC,
                EventStatus.PUBLISHED,
                AT,
                AT.plusSeconds(7_200),
                venue,
                types,
                AT,
                AT,
                AT,
                null,
                null);
    }

    private static UUID id(int n) {
        return UUID.fromString("00000000-0000-7000-8000-%012d".formatted(n));
    }
}
