package io.boxoffice.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import io.boxoffice.platform.embedded.EmbeddedPostgresServer;
import io.boxoffice.platform.web.ProblemWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.jdbc.datasource.JdbcTelemetry;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The application's one {@link DataSource}: read-write work on the primary pool, read-only
 * transactions through the {@link ReplicaRouter}. The connection is taken at the transaction's
 * first statement, when whether it is read-only is known (and not at all if it runs none).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource primaryPool(
            DataSourceProperties properties, ObjectProvider<EmbeddedPostgresServer> embedded, MeterRegistry meters) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("primary");
        PrimaryLost lost = new PrimaryLost(meters);
        pool.setExceptionOverride(lost);
        lost.watch(pool);
        EmbeddedPostgresServer server = embedded.getIfAvailable();
        if (server != null) {
            pool.setJdbcUrl(server.jdbcUrl());
            pool.setUsername(server.username());
        } else {
            pool.setJdbcUrl(properties.determineUrl());
            pool.setUsername(properties.determineUsername());
            pool.setPassword(properties.determinePassword());
        }
        return pool;
    }

    @Bean
    Timelines timelines() {
        return new Timelines();
    }

    @Bean
    ReplicaSet replicaSet(
            HikariDataSource primaryPool, DatabaseSettings settings, Timelines timelines, MeterRegistry meters) {
        List<Replica> replicas = new ArrayList<>();
        List<String> urls = settings.replicaUrls();
        for (int i = 0; i < urls.size(); i++) {
            String name = "replica" + (i + 1);
            HikariDataSource pool = ReplicaSet.pool(name, urls.get(i), primaryPool, settings);
            pool.setMetricRegistry(meters);
            replicas.add(new Replica(name, pool));
        }
        return new ReplicaSet(replicas, primaryPool, settings, timelines, meters);
    }

    @Bean
    @Primary
    DataSource dataSource(
            HikariDataSource primaryPool,
            ReplicaSet replicas,
            DatabaseSettings settings,
            MeterRegistry meters,
            ObjectProvider<OpenTelemetry> openTelemetry) {
        UnaryOperator<DataSource> traced = statementSpans(openTelemetry.getIfAvailable());
        LazyConnectionDataSourceProxy routing =
                new LazyConnectionDataSourceProxy(new WriteTracking(traced.apply(primaryPool)));
        routing.setReadOnlyDataSource(traced.apply(new ReplicaRouter(primaryPool, replicas, settings, meters)));
        routing.setDefaultAutoCommit(true);
        routing.setDefaultTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        return routing;
    }

    /**
     * Wraps a pool so each statement of a sampled trace is a span, a child of the request's: below
     * the routing, where the connection is already chosen (wrapping the lazy proxy would make it
     * choose too early). Statements are recorded sanitized and without their parameters, which can
     * carry personal data. Connections taken outside a sampled trace are not wrapped at all.
     */
    private static UnaryOperator<DataSource> statementSpans(@Nullable OpenTelemetry openTelemetry) {
        if (openTelemetry == null) {
            return UnaryOperator.identity();
        }
        JdbcTelemetry telemetry = JdbcTelemetry.builder(openTelemetry)
                .setQuerySanitizationEnabled(true)
                .setCaptureQueryParameters(false)
                .build();
        return pool -> new SampledStatementSpans(pool, telemetry.wrap(pool));
    }

    /** Component {@code db} of readiness, in place of Spring Boot's: DEGRADED, not DOWN, while replicas serve reads. */
    @Bean
    DatabaseHealth dbHealthIndicator(HikariDataSource primaryPool, ReplicaSet replicas, DatabaseSettings settings) {
        return new DatabaseHealth(primaryPool, replicas, settings);
    }

    /** Component {@code replicas} of {@code /actuator/health}: DEGRADED, never DOWN, when one is out. */
    @Bean
    ReplicaHealth replicasHealthIndicator(ReplicaSet replicas) {
        return new ReplicaHealth(replicas);
    }

    @Bean
    WritePositions writePositions(HikariDataSource primaryPool, Timelines timelines) {
        return new WritePositions(primaryPool, timelines);
    }

    @Bean
    PositionedReads positionedReads(PlatformTransactionManager transactions, DataSource dataSource) {
        return new PositionedReads(transactions, JdbcClient.create(dataSource));
    }

    @Bean
    FilterRegistrationBean<ConsistencyTokenFilter> consistencyTokenFilter(
            WritePositions positions, Timelines timelines, ProblemWriter problems) {
        FilterRegistrationBean<ConsistencyTokenFilter> registration = new FilterRegistrationBean<>(
                new ConsistencyTokenFilter(positions, timelines, problems, Duration.ofMinutes(5)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 500);
        return registration;
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static ReplicaReadRetry replicaReadRetry() {
        return new ReplicaReadRetry();
    }
}
