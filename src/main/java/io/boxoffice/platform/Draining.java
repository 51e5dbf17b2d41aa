package io.boxoffice.platform;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * The first step of a graceful shutdown: readiness goes DOWN, then the node keeps serving for the
 * drain delay so load balancers stop routing to it before the web server stops taking requests.
 */
@Component
class Draining implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Draining.class);

    /** @param drainDelay how long to keep serving after readiness went DOWN (a balancer's check interval or two) */
    @ConfigurationProperties("boxoffice.shutdown")
    @Validated
    record Settings(
            @DefaultValue("0s") @DurationMin(seconds = 0) @DurationMax(minutes = 10)
            Duration drainDelay) {}

    private final ApplicationEventPublisher events;
    private final Settings settings;
    private volatile boolean running;
    private volatile boolean drained;

    Draining(ApplicationEventPublisher events, Settings settings) {
        this.events = events;
        this.settings = settings;
    }

    @Override
    public void start() {
        if (drained) { // started again after a stop (a paused context resuming): take traffic again
            AvailabilityChangeEvent.publish(events, this, ReadinessState.ACCEPTING_TRAFFIC);
            drained = false;
        }
        running = true;
    }

    @Override
    public void stop() {
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        log.atInfo()
                .addKeyValue("drainDelay", settings.drainDelay())
                .log("draining: readiness is DOWN for {}", settings.drainDelay());
        try {
            Thread.sleep(settings.drainDelay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
        drained = true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before every other lifecycle, the web server's graceful shutdown included. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
