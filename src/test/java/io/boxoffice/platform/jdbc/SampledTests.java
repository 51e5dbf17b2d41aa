package io.boxoffice.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Database-backed gauges during a failover: a reading that hangs (no connection to be had) does
 * not hold the scrape, which answers with the last figures; the hung reading is not started again
 * by every scrape, and its figures are used once it completes.
 */
@Tag("fast")
class SampledTests {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-05T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    @Test
    void aHungReadingAnswersWithTheLastFiguresAndIsNotStartedTwice() throws Exception {
        AtomicInteger readings = new AtomicInteger();
        CountDownLatch database = new CountDownLatch(1);
        AtomicReference<Integer> figure = new AtomicReference<>(1);
        Sampled<Integer> sampled = new Sampled<>("test figures", 0, Duration.ofSeconds(10), clock, at -> {
            readings.incrementAndGet();
            try {
                if (figure.get() == 2 && !database.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return figure.get();
        });

        assertThat(sampled.get()).isEqualTo(1); // a database that answers: fresh figures at once
        assertThat(sampled.get()).isEqualTo(1);
        assertThat(readings).hasValue(1); // within the period, nothing is read

        figure.set(2); // the next reading hangs
        now.set(now.get().plusSeconds(11));
        long started = System.nanoTime();
        assertThat(sampled.get()).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        now.set(now.get().plusSeconds(11));
        assertThat(sampled.get()).isEqualTo(1);
        assertThat(readings).as("the hung reading is not started twice").hasValue(2);

        database.countDown();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sampled.get() == 2);
    }
}
