package io.boxoffice.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The order lifecycle as one table: what may happen from where, and what each move does to the counters. */
@Tag("fast")
class OrderTransitionTests {

    private static Set<OrderTransition> allowedFrom(OrderStatus status) {
        return Stream.of(OrderTransition.values())
                .filter(transition -> transition.from() == status)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(OrderTransition.class)));
    }

    @Test
    void aHoldMayBePaidExpireOrBeCancelledAPurchaseOnlyRefundedAndClosedOrdersNothing() {
        assertThat(allowedFrom(OrderStatus.PENDING))
                .containsExactlyInAnyOrder(OrderTransition.PAY, OrderTransition.EXPIRE, OrderTransition.CANCEL);
        assertThat(allowedFrom(OrderStatus.CONFIRMED)).containsExactly(OrderTransition.REFUND);
        for (OrderStatus closed : EnumSet.of(OrderStatus.EXPIRED, OrderStatus.CANCELLED, OrderStatus.REFUNDED)) {
            assertThat(allowedFrom(closed)).as("from %s", closed).isEmpty();
        }
        assertThat(allowedFrom(null)).containsExactlyInAnyOrder(OrderTransition.HOLD, OrderTransition.SELL);
    }

    @Test
    void aMoveFromAnywhereElseIsRefusedWithTheOrdersState() {
        assertThat(OrderTransition.PAY.from(OrderStatus.PENDING)).isEqualTo(OrderTransition.PAY);
        assertThatThrownBy(() -> OrderTransition.PAY.from(OrderStatus.CONFIRMED))
                .isInstanceOf(OrderProblems.WrongState.class)
                .hasMessage("The order is CONFIRMED and cannot be paid.");
        assertThatThrownBy(() -> OrderTransition.REFUND.from(OrderStatus.PENDING))
                .isInstanceOf(OrderProblems.WrongState.class)
                .hasMessage("The order is PENDING and cannot be refunded.");
    }

    @Test
    void cancellingLetsAHoldGoRefundsAPurchaseAndRefusesAClosedOrder() {
        assertThat(OrderTransition.cancelling(OrderStatus.PENDING)).isEqualTo(OrderTransition.CANCEL);
        assertThat(OrderTransition.cancelling(OrderStatus.CONFIRMED)).isEqualTo(OrderTransition.REFUND);
        assertThatThrownBy(() -> OrderTransition.cancelling(OrderStatus.EXPIRED))
                .isInstanceOf(OrderProblems.WrongState.class)
                .hasMessage("The order is EXPIRED and cannot be cancelled.");
    }

    @Test
    void ticketsAreNeverLostBetweenTheCounters() {
        for (OrderTransition transition : OrderTransition.values()) {
            if (transition.from() == null) {
                // a new order's tickets join exactly one counter
                assertThat(transition.released()).as("%s", transition).isNull();
                assertThat(transition.added()).as("%s", transition).isNotNull();
            } else if (transition.closes()) {
                // a closed order's tickets leave the counter of the status it leaves, and go on sale
                assertThat(transition.released())
                        .as("%s", transition)
                        .isEqualTo(
                                transition.from() == OrderStatus.PENDING
                                        ? OrderTransition.Counter.HELD
                                        : OrderTransition.Counter.SOLD);
            } else {
                assertThat(transition.released()).as("%s", transition).isNotNull();
                assertThat(transition.added()).as("%s", transition).isNotNull().isNotEqualTo(transition.released());
            }
        }
        assertThat(OrderTransition.placing(true)).isEqualTo(OrderTransition.SELL);
        assertThat(OrderTransition.placing(false)).isEqualTo(OrderTransition.HOLD);
    }
}
