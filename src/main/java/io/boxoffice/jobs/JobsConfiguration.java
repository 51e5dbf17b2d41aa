package io.boxoffice.jobs;

import com.zaxxer.hikari.HikariDataSource;
import io.boxoffice.platform.NodeRole;
import io.boxoffice.platform.jdbc.Retention;
import io.boxoffice.platform.jdbc.Timestamps;
import io.boxoffice.platform.ratelimit.RateLimits;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The queue's parts; the worker only on nodes whose role runs jobs. */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

    @Bean
    RetryPolicy retryPolicy(JobsSettings settings) {
        return new RetryPolicy(settings.retryBase(), settings.retryCap(), new Random());
    }

    /** Removes rate-limit buckets nobody used for a while (full again, plus a minute), in batches. */
    @Bean
    RecurringJob rateLimitExpiryJob(RateLimits rateLimits) {
        return new RecurringJob("rate-limit-expiry", JobPriority.LOW, Duration.ofMinutes(10), () -> {
            for (int batch = 0; batch < 100 && rateLimits.removeExpired(1_000) == 1_000; batch++) {
                // another full batch: go on, up to 100,000 rows a run
            }
        });
    }

    /** Removes dead jobs older than {@code dead-retention}, in batches. */
    @Bean
    RecurringJob deadJobExpiryJob(JdbcClient jdbc, JobsSettings settings, Clock clock) {
        return new RecurringJob(
                "dead-job-expiry",
                JobPriority.LOW,
                Duration.ofHours(6),
                () -> Retention.deleteBelow(
                        jdbc,
                        "dead_job",
                        "died_at",
                        Timestamps.utc(clock.instant().minus(settings.deadRetention())),
                        1_000));
    }

    @Bean
    JobCatalog jobCatalog(ObjectProvider<JobType> types, ObjectProvider<RecurringJob> recurring) {
        return new JobCatalog(
                types.orderedStream().toList(), recurring.orderedStream().toList());
    }

    /**
     * The worker claims jobs through the primary's pool directly: the queue lives on the primary,
     * and its statements are its own transactions, never part of a request's.
     */
    @Bean
    @Conditional(RunsJobs.class)
    JobWorker jobWorker(
            HikariDataSource primaryPool,
            JobCatalog catalog,
            JobsSettings settings,
            Clock clock,
            DeadJobs dead,
            RetryPolicy retries,
            MeterRegistry meters,
            ObjectProvider<ObservationRegistry> observations) {
        return new JobWorker(
                primaryPool,
                catalog.types(),
                catalog.recurring(),
                settings,
                clock,
                dead,
                retries,
                meters,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    @Bean
    JobMetrics jobMetrics(JdbcClient jdbc, Clock clock, JobsSettings settings, MeterRegistry meters) {
        return new JobMetrics(jdbc, clock, settings.metricsRefresh(), meters);
    }

    /** True on nodes whose {@code boxoffice.role} runs jobs. */
    static final class RunsJobs implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment())
                    .bind("boxoffice.role", NodeRole.class)
                    .orElse(NodeRole.ALL)
                    .runsJobs();
        }
    }

    /** Every job type and recurring job the modules declared. */
    record JobCatalog(List<JobType> types, List<RecurringJob> recurring) {

        boolean knows(String name) {
            return types.stream().anyMatch(type -> type.name().equals(name))
                    || recurring.stream().anyMatch(job -> job.name().equals(name));
        }
    }
}
