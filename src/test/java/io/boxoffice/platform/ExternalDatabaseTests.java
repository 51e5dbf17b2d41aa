package io.boxoffice.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.boxoffice.Boxoffice;
import io.boxoffice.platform.embedded.EmbeddedPostgresServer;
import io.boxoffice.support.Api;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * With {@code spring.datasource.url} set, Boxoffice runs nothing embedded, and every node that
 * shares the database (or a configured secret) accepts the tokens every other node issues.
 */
class ExternalDatabaseTests {

    private static EmbeddedPostgres database;
    private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @BeforeAll
    static void startDatabase() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "test-data", "external-" + UUID.randomUUID()));
        database = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(true)
                .start();
    }

    @AfterAll
    static void stopAll() throws Exception {
        nodes.forEach(ConfigurableApplicationContext::close);
        database.close();
    }

    private static ConfigurableApplicationContext node(String... extra) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.datasource.url=jdbc:postgresql://localhost:" + database.getPort() + "/postgres",
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=unused"));
        arguments.addAll(List.of(extra));
        if (arguments.stream().noneMatch(argument -> argument.startsWith("--boxoffice.payments."))) {
            arguments.add("--boxoffice.payments.test-provider-allowed=true"); // a test deployment
        }
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(Boxoffice.class).run(arguments.toArray(String[]::new));
        nodes.add(context);
        return context;
    }

    private static Api api(ConfigurableApplicationContext node) {
        return new Api("http://localhost:" + node.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void theTestPaymentProviderIsRefusedOnAnExternalDatabaseOrInProductionUnlessAllowed() {
        assertThatThrownBy(() -> node("--boxoffice.payments.provider=test"))
                .hasStackTraceContaining("boxoffice.payments.provider is 'test' on an external database")
                .hasStackTraceContaining("boxoffice.payments.test-provider-allowed=true");
        assertThatThrownBy(() -> node(
                        "--spring.profiles.active=production",
                        "--boxoffice.logging.json=false",
                        "--boxoffice.payments.provider=test"))
                .hasStackTraceContaining("boxoffice.payments.provider is 'test' on the production profile");
        assertThatThrownBy(() -> node("--boxoffice.payments.provider=stripe"))
                .hasStackTraceContaining(
                        "boxoffice.payments.stripe.api-key or boxoffice.payments.stripe.webhook-secret is not set");
        ConfigurableApplicationContext allowed =
                node("--boxoffice.payments.provider=test", "--boxoffice.payments.test-provider-allowed=true");
        assertThat(allowed.isRunning()).isTrue();
    }

    @Test
    void nodesSharingTheDatabaseAgreeOnOneGeneratedKey() {
        ConfigurableApplicationContext first = node();
        ConfigurableApplicationContext second = node();
        assertThat(first.getBeanProvider(EmbeddedPostgresServer.class).getIfAvailable())
                .isNull();

        Api.Account issuedByFirst = api(first).signUp("ATTENDEE");
        assertThat(api(second).get("/api/v1/me", issuedByFirst.token()).status())
                .isEqualTo(200);
        String issuedBySecond = api(second).token(issuedByFirst.email(), "password-" + issuedByFirst.email());
        assertThat(api(first).get("/api/v1/me", issuedBySecond).status()).isEqualTo(200);

        // one key of each kind, generated once for both nodes: the access tokens' and the waiting room's
        List<String> keys = first.getBean(JdbcClient.class)
                .sql("select name from platform_secret order by name")
                .query(String.class)
                .list();
        assertThat(keys).containsExactly("jwt-hmac-sha256", "waiting-room-hmac-sha256");
        // no demo data off the embedded default
        assertThat(api(first).get("/api/v1/venues").json().get("items")).isEmpty();
    }

    @Test
    void aConfiguredSecretIsSharedAndADifferentOneIsRefused() {
        String secret = "a-shared-secret-of-at-least-32-bytes-" + UUID.randomUUID();
        ConfigurableApplicationContext first = node("--boxoffice.security.jwt-secret=" + secret);
        ConfigurableApplicationContext second = node("--boxoffice.security.jwt-secret=" + secret);
        ConfigurableApplicationContext stranger =
                node("--boxoffice.security.jwt-secret=another-secret-that-is-also-long-enough-" + UUID.randomUUID());

        Api.Account account = api(first).signUp("ORGANIZER");
        assertThat(api(second).get("/api/v1/me", account.token()).status()).isEqualTo(200);
        assertThat(api(stranger).get("/api/v1/me", account.token()).status()).isEqualTo(401);
    }
}
