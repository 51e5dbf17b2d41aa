package io.boxoffice.support;

import com.zaxxer.hikari.HikariDataSource;
import io.boxoffice.Boxoffice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the HTTP-level tests: one Boxoffice on a random port over its own embedded PostgreSQL
 * (a fresh data directory per test run), shared by every subclass through Spring's context cache.
 * With {@code -Dboxoffice.test.pgbouncer=true} (the build's second run of this suite) the same
 * tests run on a fresh database reached through PgBouncer in transaction-pooling mode instead.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "boxoffice.embedded.data-dir=target/test-data/${random.uuid}",
            "boxoffice.embedded.durable=false",
            // metrics and health details on a port of their own, as in production
            "management.server.port=0",
            "boxoffice.demo-data=false",
            // every test speaks from loopback: limits are RateLimitTests' subject, not the others'
            "boxoffice.rate-limit.enabled=false",
            // a test deployment: the test payment provider, on the embedded database or through PgBouncer
            "boxoffice.payments.test-provider-allowed=true",
            "boxoffice.admin.email=" + ApiTest.ADMIN_EMAIL,
            "boxoffice.admin.password=" + ApiTest.ADMIN_PASSWORD
        })
@org.springframework.context.annotation.Import(ApiTest.Clocks.class)
@Tag("api")
public abstract class ApiTest {

    public static final String ADMIN_EMAIL = "admin@test.boxoffice.test";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";

    /** Gives the application a clock the tests can move. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        if (Boolean.getBoolean("boxoffice.test.pgbouncer")) {
            PgCluster cluster = PgCluster.withPgBouncer();
            String database = cluster.createDatabase();
            registry.add("spring.datasource.url", () -> cluster.pgBouncerUrl(database));
            registry.add("spring.datasource.username", cluster::username);
            // migrations take a session-level advisory lock: they connect to PostgreSQL directly
            registry.add("spring.flyway.url", () -> cluster.primaryUrl(database));
            registry.add("spring.flyway.user", cluster::username);
            // so does the cache invalidation listener: LISTEN needs a session of its own
            registry.add("boxoffice.cache.listen-url", () -> cluster.primaryUrl(database));
        }
    }

    @LocalServerPort
    private int port;

    @Autowired
    private HikariDataSource primaryPool;

    @Autowired
    private Environment environment;

    @Autowired
    protected TestClock clock;

    protected Api api;

    @BeforeEach
    void connect() {
        api = new Api("http://localhost:" + port, true);
    }

    /**
     * Another Boxoffice node in this JVM on this test's database, with {@code arguments} added,
     * sharing the test's clock as nodes share the wall clock. The caller closes it.
     */
    protected ConfigurableApplicationContext startNode(String... arguments) {
        return startNode(Map.of(), arguments);
    }

    /** Like {@link #startNode(String...)}, with {@code beans} added to the node's context. */
    protected ConfigurableApplicationContext startNode(Map<String, Object> beans, String... arguments) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--boxoffice.demo-data=false"));
        all.addAll(sameDatabase());
        all.addAll(NodeProcess.withTestDefaults(arguments));
        return new SpringApplicationBuilder(Boxoffice.class)
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("clock", clock);
                    beans.forEach(context.getBeanFactory()::registerSingleton);
                })
                .run(all.toArray(String[]::new));
    }

    /** A client of this test's node's management port: metrics, health details. */
    protected Api management() {
        return new Api("http://localhost:" + environment.getProperty("local.management.port"));
    }

    /** A client of the management port of a node {@link #startNode} started. */
    protected static Api managementOf(ConfigurableApplicationContext node) {
        return new Api("http://localhost:" + node.getEnvironment().getProperty("local.management.port"));
    }

    /** A client of a node {@link #startNode} started. */
    protected static Api apiOf(ConfigurableApplicationContext node) {
        return new Api("http://localhost:" + node.getEnvironment().getProperty("local.server.port"));
    }

    /** Command-line arguments that start another node on this test's database. */
    /** This test's database as psql takes it, straight to PostgreSQL (not through a pooler). */
    protected String psqlUrl() {
        String url = environment.getProperty("spring.flyway.url", primaryPool.getJdbcUrl());
        String user = environment.getProperty("spring.flyway.user", primaryPool.getUsername());
        return url.replaceFirst("^jdbc:postgresql://", "postgresql://" + user + "@")
                .replaceFirst("\\?.*$", "");
    }

    protected List<String> sameDatabase() {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + primaryPool.getJdbcUrl(),
                "--spring.datasource.username=" + primaryPool.getUsername()));
        String flyway = environment.getProperty("spring.flyway.url");
        if (flyway != null) {
            arguments.add("--spring.flyway.url=" + flyway);
            arguments.add("--spring.flyway.user=" + environment.getProperty("spring.flyway.user"));
        }
        String listen = environment.getProperty("boxoffice.cache.listen-url");
        if (listen != null) {
            arguments.add("--boxoffice.cache.listen-url=" + listen);
        }
        return arguments;
    }
}
