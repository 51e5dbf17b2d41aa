package io.boxoffice.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;

/** The batch decision on generated batches: never over quota, whole orders only, first come first served. */
@Tag("fast")
class AllocationProperties {

    private static final List<UUID> TYPES = List.of(
            UUID.fromString("00000000-0000-7000-8000-000000000001"),
            UUID.fromString("00000000-0000-7000-8000-000000000002"),
            UUID.fromString("00000000-0000-7000-8000-000000000003"));
    /** A ticket type of another event: never available. */
    private static final UUID STRANGER = UUID.fromString("00000000-0000-7000-8000-0000000000ff");

    /** A generated batch: what is left of each type and the requests in arrival order. */
    record Batch(Map<UUID, Integer> available, List<Allocation.Ask> asks) {}

    @Provide
    Arbitrary<Batch> batches() {
        Arbitrary<Map<UUID, Integer>> onSale = Arbitraries.integers()
                .between(0, 25)
                .list()
                .ofSize(TYPES.size())
                .map(counts -> {
                    Map<UUID, Integer> left = new LinkedHashMap<>();
                    for (int i = 0; i < counts.size(); i++) {
                        left.put(TYPES.get(i), counts.get(i));
                    }
                    return left;
                });
        // one batch in ten finds the event no longer on sale
        Arbitrary<Map<UUID, Integer>> available =
                Arbitraries.frequencyOf(Tuple.of(9, onSale), Tuple.of(1, Arbitraries.just(Map.<UUID, Integer>of())));
        Arbitrary<Order.Item> item = Combinators.combine(
                        Arbitraries.frequencyOf(
                                Tuple.of(10, Arbitraries.of(TYPES)), Tuple.of(1, Arbitraries.just(STRANGER))),
                        Arbitraries.integers().between(1, 8))
                .as((type, quantity) -> new Order.Item(type, quantity, 1000));
        Arbitrary<Allocation.Ask> ask = Combinators.combine(
                        item.list().ofMinSize(1).ofMaxSize(3), Arbitraries.of(true, false))
                .as(Allocation.Ask::new);
        return Combinators.combine(available, ask.list().ofMaxSize(40)).as(Batch::new);
    }

    @Property
    void neverSellsMoreThanIsLeft(@ForAll("batches") Batch batch) {
        Allocation.Result result = Allocation.decide(batch.available(), batch.asks());
        result.deltas()
                .forEach((type, delta) -> assertThat(delta.held() + delta.sold())
                        .as("tickets of %s", type)
                        .isLessThanOrEqualTo(batch.available().getOrDefault(type, 0)));
    }

    @Property
    void placesWholeOrdersOnlyAndCountsEachExactlyOnce(@ForAll("batches") Batch batch) {
        Allocation.Result result = Allocation.decide(batch.available(), batch.asks());
        assertThat(result.verdicts()).hasSameSizeAs(batch.asks());
        Map<UUID, Allocation.Delta> expected = new HashMap<>();
        for (int i = 0; i < batch.asks().size(); i++) {
            Allocation.Ask ask = batch.asks().get(i);
            if (result.verdicts().get(i) == Allocation.Verdict.PLACED) {
                for (Order.Item line : ask.items()) {
                    expected.merge(
                            line.ticketTypeId(),
                            new Allocation.Delta(ask.free() ? 0 : line.quantity(), ask.free() ? line.quantity() : 0),
                            (a, b) -> new Allocation.Delta(a.held() + b.held(), a.sold() + b.sold()));
                }
            }
        }
        assertThat(result.deltas()).isEqualTo(expected);
    }

    @Property
    void refusesARequestOnlyWhenWhatTheEarlierOnesLeftCannotCoverIt(@ForAll("batches") Batch batch) {
        Allocation.Result result = Allocation.decide(batch.available(), batch.asks());
        Map<UUID, Integer> left = new HashMap<>(batch.available());
        for (int i = 0; i < batch.asks().size(); i++) {
            Allocation.Ask ask = batch.asks().get(i);
            Allocation.Verdict verdict = result.verdicts().get(i);
            if (batch.available().isEmpty()) {
                assertThat(verdict).isEqualTo(Allocation.Verdict.SALES_CLOSED);
                continue;
            }
            Map<UUID, Integer> wanted = new HashMap<>();
            ask.items().forEach(line -> wanted.merge(line.ticketTypeId(), line.quantity(), Integer::sum));
            boolean covered =
                    wanted.entrySet().stream().allMatch(want -> left.getOrDefault(want.getKey(), 0) >= want.getValue());
            assertThat(verdict)
                    .as("request %d of %s with %s left", i, ask, left)
                    .isEqualTo(covered ? Allocation.Verdict.PLACED : Allocation.Verdict.SOLD_OUT);
            if (covered) {
                wanted.forEach((type, quantity) -> left.merge(type, -quantity, Integer::sum));
            }
        }
    }

    @Example
    void aLargeOrderThatDoesNotFitLeavesTheRestToASmallerOneBehindIt() {
        UUID standard = TYPES.getFirst();
        Allocation.Result result = Allocation.decide(
                Map.of(standard, 5), List.of(ask(standard, 3), ask(standard, 4), ask(standard, 2), ask(standard, 1)));
        assertThat(result.verdicts())
                .containsExactly(
                        Allocation.Verdict.PLACED,
                        Allocation.Verdict.SOLD_OUT,
                        Allocation.Verdict.PLACED,
                        Allocation.Verdict.SOLD_OUT);
        assertThat(result.deltas()).containsExactly(Map.entry(standard, new Allocation.Delta(5, 0)));
    }

    @Example
    void twoLinesOfOneTypeCountTogether() {
        UUID standard = TYPES.getFirst();
        Allocation.Ask doubled = new Allocation.Ask(
                List.of(new Order.Item(standard, 3, 1000), new Order.Item(standard, 3, 1000)), false);
        assertThat(Allocation.decide(Map.of(standard, 4), List.of(doubled)).verdicts())
                .containsExactly(Allocation.Verdict.SOLD_OUT);
    }

    @Example
    void freeOrdersAreSoldAndPaidOnesHeld() {
        UUID standard = TYPES.getFirst();
        Allocation.Result result = Allocation.decide(
                Map.of(standard, 10),
                List.of(ask(standard, 2), new Allocation.Ask(List.of(new Order.Item(standard, 3, 0)), true)));
        assertThat(result.deltas()).containsExactly(Map.entry(standard, new Allocation.Delta(2, 3)));
    }

    @Example
    void nothingIsPlacedWhenTheEventIsNotOnSale() {
        Allocation.Result result = Allocation.decide(Map.of(), List.of(ask(TYPES.getFirst(), 1)));
        assertThat(result.verdicts()).containsExactly(Allocation.Verdict.SALES_CLOSED);
        assertThat(result.deltas()).isEmpty();
    }

    private static Allocation.Ask ask(UUID type, int quantity) {
        return new Allocation.Ask(new ArrayList<>(List.of(new Order.Item(type, quantity, 1000))), false);
    }
}
