package io.boxoffice.waitingroom;

import java.time.Instant;
import java.util.Arrays;

/**
 * One advance of a room's serving counter: places {@code [first, last)} were passed at {@code at}
 * by {@code node}; those in {@code skipped} (sorted) were abandoned, the others admitted.
 */
record Round(int round, Instant at, int first, int last, int[] skipped, String node) {

    /** Whether place {@code position} of this round was skipped. */
    boolean skipped(int position) {
        return Arrays.binarySearch(skipped, position) >= 0;
    }
}
