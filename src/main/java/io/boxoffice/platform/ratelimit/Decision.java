package io.boxoffice.platform.ratelimit;

import java.time.Duration;

/**
 * The answer of a bucket to one request.
 *
 * @param allowed whether the request may go on
 * @param remaining about how many more requests the bucket allows now
 * @param reset about how long until the bucket is full again
 * @param retryAfter for a refused request, how long until the bucket has a token again
 */
record Decision(boolean allowed, long remaining, Duration reset, Duration retryAfter) {

    static Decision allowed(long remaining, Duration reset) {
        return new Decision(true, remaining, reset, Duration.ZERO);
    }

    static Decision refused(Duration retryAfter, Duration reset) {
        return new Decision(false, 0, reset, retryAfter);
    }
}
