package io.boxoffice.waitingroom;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * What an operator watches while a waiting room runs: arrivals and returns, admissions and
 * abandoned places (counted by the admitting node), the wait from joining to admission, the
 * admission rate the rooms are set to, how many wait (this node's view), tokens refused by reason,
 * and the admitting node's ticks. Wait buckets are fixed, so median and p99 come from Prometheus.
 */
@Component
class QueueMetrics {

    private static final String ARRIVALS =
            "Places handed out in waiting rooms (kind=new: a first place; rejoin: after a place lapsed)";

    private final Counter arrivals;
    private final Counter returns;
    private final Counter refusedForAddress;
    private final Counter admitted;
    private final Counter abandoned;
    private final Counter leaderTicks;
    private final Counter polls;
    private final Timer waited;
    private final Map<TokenRefused.Reason, Counter> admissionRefused = new EnumMap<>(TokenRefused.Reason.class);
    private final Map<TokenRefused.Reason, Counter> queueRefused = new EnumMap<>(TokenRefused.Reason.class);
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong admissionsPerMinute = new AtomicLong();

    QueueMetrics(MeterRegistry meters) {
        arrivals = Counter.builder("boxoffice.queue.arrivals")
                .description(
                        "Places handed out in waiting rooms (kind=new: a first place; rejoin: after a place lapsed)")
                .tag("kind", "new")
                .register(meters);
        returns = Counter.builder("boxoffice.queue.arrivals")
                .description(
                        "Places handed out in waiting rooms (kind=new: a first place; rejoin: after a place lapsed)")
                .tag("kind", "rejoin")
                .register(meters);
        refusedForAddress = Counter.builder("boxoffice.queue.places.refused")
                .description("Places refused because the client address holds as many as it may")
                .register(meters);
        admitted = Counter.builder("boxoffice.queue.admitted")
                .description("Buyers admitted from waiting rooms, counted by the admitting node")
                .register(meters);
        abandoned = Counter.builder("boxoffice.queue.abandoned")
                .description("Places skipped because their holder stopped polling, counted by the admitting node")
                .register(meters);
        leaderTicks = Counter.builder("boxoffice.queue.ticks")
                .description("Ticks this node ran while holding the admissions lease")
                .register(meters);
        polls = Counter.builder("boxoffice.queue.polls")
                .description("Queue polls answered by this node")
                .register(meters);
        waited = Timer.builder("boxoffice.queue.wait")
                .description("From joining a waiting room to admission")
                .serviceLevelObjectives(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(2),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(20),
                        Duration.ofMinutes(40),
                        Duration.ofMinutes(60))
                .register(meters);
        for (TokenRefused.Reason reason : TokenRefused.Reason.values()) {
            admissionRefused.put(reason, refused(meters, "admission", reason));
            queueRefused.put(reason, refused(meters, "queue", reason));
        }
        meters.gauge("boxoffice.queue.waiting", waiting);
        meters.gauge("boxoffice.queue.admission.rate", admissionsPerMinute);
    }

    private static Counter refused(MeterRegistry meters, String token, TokenRefused.Reason reason) {
        return Counter.builder("boxoffice.queue.tokens.refused")
                .description("Queue and admission tokens refused, by token and reason")
                .tag("token", token)
                .tag("reason", reason.tag())
                .register(meters);
    }

    void arrived(boolean rejoin) {
        (rejoin ? returns : arrivals).increment();
    }

    void refusedForAddress() {
        refusedForAddress.increment();
    }

    void ticked(int admittedNow, int abandonedNow) {
        admitted.increment(admittedNow);
        abandoned.increment(abandonedNow);
    }

    void leading() {
        leaderTicks.increment();
    }

    void polled() {
        polls.increment();
    }

    void waited(Duration wait) {
        waited.record(wait.isNegative() ? Duration.ZERO : wait);
    }

    void refused(TokenRefused refusal, boolean admission) {
        (admission ? admissionRefused : queueRefused).get(refusal.reason()).increment();
    }

    /** This node's view of the open rooms: how many wait in them, and the admissions per minute they are set to. */
    void rooms(long waitingNow, long ratePerMinute) {
        waiting.set(waitingNow);
        admissionsPerMinute.set(ratePerMinute);
    }
}
