package io.boxoffice.waitingroom;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A buyer's place in a waiting room, as a poll answers it.
 *
 * @param state WAITING, ADMITTED, SOLD_OUT (nothing left to sell: the queue is closed while it
 *     lasts) or CLOSED (the event does not sell through a waiting room now)
 * @param queueToken the token to poll with next (absent once the queue is closed to the caller)
 * @param position the place, from 0; absent before the draw at the on-sale time
 * @param ahead places before this one not yet passed
 * @param estimatedWaitSeconds until admission at the room's admission rate
 * @param admissionToken when admitted: the Admission-Token for POST /orders
 * @param admissionExpiresAt when admitted: when the admission token expires
 * @param opensAt the on-sale time
 * @param drawCommitment SHA-256 of the draw's seed, shown before the draw
 * @param drawSeed the draw's seed, shown after it, so anyone can check every early place
 * @param lapsed whether the caller's earlier place lapsed (passed while away, or an admission
 *     ran out) and this is a new one at the back
 * @param retryAfterSeconds when to poll again (also the Retry-After header and the cache lifetime)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record QueueStatus(
        State state,
        @Nullable String queueToken,
        @Nullable Integer position,
        @Nullable Integer ahead,
        @Nullable Long estimatedWaitSeconds,
        @Nullable String admissionToken,
        @Nullable Instant admissionExpiresAt,
        @Nullable Instant opensAt,
        @Nullable String drawCommitment,
        @Nullable String drawSeed,
        @Nullable Boolean lapsed,
        @JsonIgnore long retryAfterSeconds) {

    /** Where a buyer stands. */
    enum State {
        WAITING,
        ADMITTED,
        SOLD_OUT,
        CLOSED
    }
}
