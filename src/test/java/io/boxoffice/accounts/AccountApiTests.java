package io.boxoffice.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Sign-up, sign-in, the caller's own account, export and erasure over HTTP. */
class AccountApiTests extends ApiTest {

    @Test
    void signsUpAndSignsIn() {
        Api.Response created = api.post(
                "/api/v1/accounts",
                null,
                Map.of(
                        "email",
                        "  Grace@Example.test ",
                        "password",
                        "s3cret-enough",
                        "displayName",
                        "Grace",
                        "role",
                        "ATTENDEE"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode account = created.json();
        assertThat(account.get("email").asString()).isEqualTo("grace@example.test");
        assertThat(account.get("roles").get(0).asString()).isEqualTo("ATTENDEE");
        assertThat(account.has("password")).isFalse();
        assertThat(account.has("passwordHash")).isFalse();

        Api.Response token = api.post(
                "/api/v1/auth/token", null, Map.of("email", "GRACE@example.test", "password", "s3cret-enough"));
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(token.json().get("expiresIn").asLong()).isEqualTo(3600);

        Api.Response me = api.get("/api/v1/me", token.json().get("accessToken").asString());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("id").asString()).isEqualTo(account.get("id").asString());
        assertThat(me.header("Cache-Control")).isEqualTo("private, no-store");
    }

    @Test
    void refusesATakenEmailWhateverItsCase() {
        Api.Account first = api.signUp("ATTENDEE");
        Api.Response again = api.post(
                "/api/v1/accounts",
                null,
                Map.of(
                        "email",
                        first.email().toUpperCase(),
                        "password",
                        "another-password",
                        "displayName",
                        "X",
                        "role",
                        "ORGANIZER"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.json().get("type").asString()).endsWith("/email-taken");
    }

    @Test
    void oneOfManyConcurrentSignUpsWithTheSameEmailWins() throws Exception {
        String email = "race-" + java.util.UUID.randomUUID() + "@example.test";
        int clients = 50;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                statuses.add(executor.submit(() -> {
                    start.await();
                    return api.post(
                                    "/api/v1/accounts",
                                    null,
                                    Map.of(
                                            "email",
                                            email,
                                            "password",
                                            "password123",
                                            "displayName",
                                            "Racer",
                                            "role",
                                            "ATTENDEE"))
                            .status();
                }));
            }
            start.countDown();
        }
        java.util.List<Integer> results = new java.util.ArrayList<>();
        for (var status : statuses) {
            results.add(status.get());
        }
        assertThat(results).filteredOn(status -> status == 201).hasSize(1);
        assertThat(results).filteredOn(status -> status == 409).hasSize(clients - 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "PARTNER"})
    void nobodySignsUpAsAdminOrPartner(String role) {
        String email = "would-be-" + role.toLowerCase(java.util.Locale.ROOT) + "@example.test";
        Api.Response response = api.post(
                "/api/v1/accounts",
                null,
                Map.of("email", email, "password", "password123", "displayName", "X", "role", role));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("role");
        assertThat(api.post("/api/v1/auth/token", null, Map.of("email", email, "password", "password123"))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void validatesSignUpFields() {
        Api.Response response = api.post(
                "/api/v1/accounts",
                null,
                Map.of("email", "not-an-email", "password", "short", "displayName", "", "role", "ATTENDEE"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field"))
                .containsExactly("displayName", "email", "password");

        Api.Response badRole = api.post(
                "/api/v1/accounts",
                null,
                Map.of("email", "x@example.test", "password", "password123", "displayName", "X", "role", "KING"));
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.json().get("errors").get(0).get("field").asString()).isEqualTo("role");
    }

    @Test
    void refusesWrongPasswordsAndUnknownEmailsAlike() {
        Api.Account account = api.signUp("ATTENDEE");
        Api.Response wrong =
                api.post("/api/v1/auth/token", null, Map.of("email", account.email(), "password", "nope-nope-nope"));
        Api.Response unknown = api.post(
                "/api/v1/auth/token", null, Map.of("email", "nobody@example.test", "password", "nope-nope-nope"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.json().get("detail")).isEqualTo(unknown.json().get("detail"));
    }

    @Test
    void rejectsMissingForgedAndExpiredLookingTokens() {
        Api.Account account = api.signUp("ATTENDEE");
        assertThat(api.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me").header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(api.get("/api/v1/me", "not.a.jwt").status()).isEqualTo(401);

        String[] parts = account.token().split("\\.");
        String forgedClaims = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
                        .replace("\"ATTENDEE\"", "\"ADMIN\"")
                        .getBytes());
        Api.Response forged = api.get("/api/v1/me", parts[0] + "." + forgedClaims + "." + parts[2]);
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.contentType()).startsWith("application/problem+json");
    }

    /** A token is verified once and then remembered, but never past its expiry (plus the clock skew allowed). */
    @Test
    void aRememberedTokenIsRefusedOnceItExpires() {
        Api.Account account = api.signUp("ATTENDEE");
        assertThat(api.get("/api/v1/me", account.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", account.token()).status()).isEqualTo(200);

        clock.advance(java.time.Duration.ofMinutes(30));
        assertThat(api.get("/api/v1/me", account.token()).status()).isEqualTo(200);
        clock.advance(java.time.Duration.ofMinutes(32)); // 1 h of validity and 1 min of skew behind
        Api.Response expired = api.get("/api/v1/me", account.token());
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.contentType()).startsWith("application/problem+json");
    }

    @Test
    void exportsEverythingHeldAboutTheCaller() {
        Api.Account organizer = api.signUp("ORGANIZER");
        String venueId = api.venueId(organizer.token(), "Exportville");

        Api.Response export = api.get("/api/v1/me/export", organizer.token());
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.json().get("account").get("email").asString()).isEqualTo(organizer.email());
        assertThat(export.json().get("catalog").get("venues").get(0).get("id").asString())
                .isEqualTo(venueId);
        assertThat(api.get("/api/v1/me/export").status()).isEqualTo(401);
    }

    @Test
    void erasureRemovesPersonalDataAndRevokesTokens() {
        Api.Account account = api.signUp("ATTENDEE");
        assertThat(api.delete("/api/v1/me", account.token()).status()).isEqualTo(204);

        assertThat(api.get("/api/v1/me", account.token()).status()).isEqualTo(401);
        assertThat(api.post(
                                "/api/v1/auth/token",
                                null,
                                Map.of("email", account.email(), "password", "password-" + account.email()))
                        .status())
                .isEqualTo(401);
        // the email is free again
        assertThat(api.post(
                                "/api/v1/accounts",
                                null,
                                Map.of(
                                        "email",
                                        account.email(),
                                        "password",
                                        "a-new-password",
                                        "displayName",
                                        "New",
                                        "role",
                                        "ATTENDEE"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void createsTheConfiguredAdministrator() {
        String token = api.token(ADMIN_EMAIL, ADMIN_PASSWORD);
        JsonNode me = api.get("/api/v1/me", token).json();
        assertThat(me.get("roles").get(0).asString()).isEqualTo("ADMIN");
    }
}
