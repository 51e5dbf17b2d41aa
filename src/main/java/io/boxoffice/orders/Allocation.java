package io.boxoffice.orders;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The reservation batcher's decision, and nothing else: given what is left of each ticket type and
 * the batch's requests in arrival order, fill whole orders first come, first served. A request is
 * placed only if every one of its lines fits in what the requests placed before it left; a request
 * that does not fit takes nothing, and a later, smaller one may still fit. No database, no clock.
 */
final class Allocation {

    private Allocation() {}

    /** One request of the batch: its lines, and whether it is free (sold at once, not held). */
    record Ask(List<Order.Item> items, boolean free) {

        Ask {
            items = List.copyOf(items);
        }
    }

    /** What became of one request. */
    enum Verdict {
        PLACED,
        /** some line does not fit in what is left */
        SOLD_OUT,
        /** the event is not on sale: no ticket type could be locked */
        SALES_CLOSED
    }

    /** How many tickets the placed requests add to one ticket type's counters. */
    record Delta(int held, int sold) {

        Delta plus(int quantity, boolean free) {
            return free ? new Delta(held, sold + quantity) : new Delta(held + quantity, sold);
        }
    }

    /**
     * The verdict of each request, in the order given, and the counter changes of the placed ones
     * per ticket type (in the order the types were first placed).
     */
    record Result(List<Verdict> verdicts, Map<UUID, Delta> deltas) {

        Result {
            verdicts = List.copyOf(verdicts);
        }
    }

    /**
     * Decides a batch. {@code available} is what is left of each of the event's ticket types (empty
     * when the event is not on sale); a line for a type it does not name does not fit.
     */
    static Result decide(Map<UUID, Integer> available, List<Ask> asks) {
        List<Verdict> verdicts = new ArrayList<>(asks.size());
        Map<UUID, Delta> deltas = new LinkedHashMap<>();
        Map<UUID, Integer> left = new HashMap<>(available);
        for (Ask ask : asks) {
            if (available.isEmpty()) {
                verdicts.add(Verdict.SALES_CLOSED);
            } else if (!fits(ask, left)) {
                verdicts.add(Verdict.SOLD_OUT);
            } else {
                for (Order.Item item : ask.items()) {
                    left.merge(item.ticketTypeId(), -item.quantity(), Integer::sum);
                    deltas.merge(
                            item.ticketTypeId(),
                            new Delta(0, 0).plus(item.quantity(), ask.free()),
                            (before, added) -> before.plus(item.quantity(), ask.free()));
                }
                verdicts.add(Verdict.PLACED);
            }
        }
        return new Result(verdicts, deltas);
    }

    /** Whether all of the request's lines fit at once (two lines of one type count together). */
    private static boolean fits(Ask ask, Map<UUID, Integer> left) {
        Map<UUID, Integer> wanted = new HashMap<>();
        ask.items().forEach(item -> wanted.merge(item.ticketTypeId(), item.quantity(), Integer::sum));
        return wanted.entrySet().stream().allMatch(want -> left.getOrDefault(want.getKey(), 0) >= want.getValue());
    }
}
