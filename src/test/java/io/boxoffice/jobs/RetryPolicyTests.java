package io.boxoffice.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Exponential backoff with full jitter and a cap. */
@Tag("fast")
class RetryPolicyTests {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(10), new Random(42));

    @Test
    void theBoundDoublesPerAttemptUpToTheCap() {
        assertThat(policy.bound(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.bound(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.bound(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.bound(7)).isEqualTo(Duration.ofSeconds(320));
        assertThat(policy.bound(8)).isEqualTo(Duration.ofMinutes(10));
        assertThat(policy.bound(1_000)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void delaysSpreadOverTheWholeRangeFromZeroToTheBound() {
        for (int attempt = 1; attempt <= 10; attempt++) {
            Duration bound = policy.bound(attempt);
            Set<Long> seen = new HashSet<>();
            long sum = 0;
            int samples = 4_000;
            for (int i = 0; i < samples; i++) {
                Duration delay = policy.delay(attempt);
                assertThat(delay).isBetween(Duration.ZERO, bound);
                seen.add(delay.toMillis());
                sum += delay.toMillis();
            }
            // uniform on [0, bound]: mean near half the bound, values all over it
            double mean = sum / (double) samples;
            assertThat(mean).isBetween(bound.toMillis() * 0.45, bound.toMillis() * 0.55);
            assertThat(seen.size()).isGreaterThan(samples / 2);
        }
    }

    @Test
    void theSameSeedGivesTheSameDelays() {
        RetryPolicy again = new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(10), new Random(42));
        RetryPolicy other = new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(10), new Random(42));
        for (int attempt = 1; attempt < 20; attempt++) {
            assertThat(again.delay(attempt)).isEqualTo(other.delay(attempt));
        }
    }

    @Test
    void aBaseAboveTheCapIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofMinutes(2), Duration.ofMinutes(1), new Random()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
