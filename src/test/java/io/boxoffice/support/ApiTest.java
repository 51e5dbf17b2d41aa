package io.boxoffice.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

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
public abstract class ApiTest {

    public static final String ADMIN_EMAIL = "admin@test.boxoffice.test";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";

    @LocalServerPort
    private int port;

    protected Api api;

    @BeforeEach
    void connect() {
        api = new Api("http://localhost:" + port);
    }
}
