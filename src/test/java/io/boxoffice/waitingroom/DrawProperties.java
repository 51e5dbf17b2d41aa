package io.boxoffice.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The draw is a permutation of exactly the early arrivals, the same on every node, and its inverse undoes it. */
@Tag("fast")
class DrawProperties {

    @Property(tries = 200)
    void givesEveryEarlyArrivalADistinctPlaceAndCanBeUndone(
            @ForAll @Size(32) byte[] seed, @ForAll @IntRange(min = 1, max = 5_000) int size) {
        Draw draw = new Draw(seed, size);
        BitSet taken = new BitSet(size);
        for (int arrival = 0; arrival < size; arrival++) {
            int position = draw.position(arrival);
            assertThat(position).isBetween(0, size - 1);
            assertThat(taken.get(position)).as("place %d given twice", position).isFalse();
            taken.set(position);
            assertThat(draw.arrival(position)).isEqualTo(arrival);
        }
        assertThat(taken.cardinality()).isEqualTo(size);
    }

    @Property(tries = 50)
    void isTheSameForTheSameSeedAndSize(
            @ForAll @Size(32) byte[] seed, @ForAll @IntRange(min = 1, max = 100_000) int size) {
        int arrival = size / 2;
        assertThat(new Draw(seed.clone(), size).position(arrival)).isEqualTo(new Draw(seed, size).position(arrival));
    }

    /**
     * Arriving early buys nothing: of 10,000 early arrivals, the first 1,000 land in the first
     * 1,000 places about a tenth of the time, as a uniform draw would (100, within 4 sd of 9.5).
     */
    @Example
    void doesNotFavourEarlierArrivals() {
        byte[] seed = new byte[32];
        new java.util.Random(7).nextBytes(seed);
        Draw draw = new Draw(seed, 10_000);
        int early = 0;
        for (int arrival = 0; arrival < 1_000; arrival++) {
            if (draw.position(arrival) < 1_000) {
                early++;
            }
        }
        assertThat(early).isBetween(62, 138);
    }
}
