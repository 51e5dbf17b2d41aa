package io.boxoffice.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Base of the HTTP-level tests: one Boxoffice on a random port over its own embedded PostgreSQL
 * (a fresh data directory per test run), shared by every subclass through Spring's context cache.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "boxoffice.embedded.data-dir=target/test-data/${random.uuid}",
            "boxoffice.embedded.durable=false",
            "boxoffice.demo-data=false",
            "boxoffice.admin.email=" + ApiTest.ADMIN_EMAIL,
            "boxoffice.admin.password=" + ApiTest.ADMIN_PASSWORD
        })
@org.springframework.context.annotation.Import(ApiTest.Clocks.class)
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

    @LocalServerPort
    private int port;

    @Autowired
    protected TestClock clock;

    protected Api api;

    @BeforeEach
    void connect() {
        api = new Api("http://localhost:" + port);
    }
}
