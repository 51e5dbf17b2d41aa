package io.boxoffice.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for the API tests: real requests over a socket, JSON in and out, and every
 * API response checked against the node's OpenAPI document ({@link ContractCheck}).
 */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final HttpClient http;
    private final String base;

    public Api(String base) {
        this(base, false);
    }

    /**
     * A client; with {@code keepCookies} it returns cookies as a browser does, the Consistency-Token
     * cookie among them, so that it reads its own writes through every cache.
     */
    public Api(String base, boolean keepCookies) {
        this.base = base;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        if (keepCookies) {
            builder.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL));
        }
        this.http = builder.build();
    }

    /** A client over {@code http}, e.g. one that trusts a test certificate for HTTPS. */
    public Api(String base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    public String base() {
        return base;
    }

    /** A response: status, headers and body, the body parsed as JSON when it is JSON. */
    public record Response(int status, HttpResponse<byte[]> raw) {

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        public String text() {
            return new String(raw.body(), java.nio.charset.StandardCharsets.UTF_8);
        }

        public @Nullable String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return raw.headers().firstValue("Content-Type").orElse("");
        }
    }

    /** A signed-in account of the tests. */
    public record Account(String id, String email, String token) {}

    public Response get(String path, @Nullable String token, String... headers) {
        return send(builder(path, token, headers).GET());
    }

    public Response get(String path) {
        return get(path, null);
    }

    public Response post(String path, @Nullable String token, @Nullable Object body, String... headers) {
        return send(builder(path, token, headers).POST(body(body)).header("Content-Type", "application/json"));
    }

    public Response patch(String path, @Nullable String token, Object body) {
        return send(builder(path, token).method("PATCH", body(body)).header("Content-Type", "application/json"));
    }

    public Response delete(String path, @Nullable String token) {
        return send(builder(path, token).DELETE());
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpRequest built = request.build();
            HttpResponse<byte[]> response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
            ContractCheck.check(http, base, built, response);
            return new Response(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder builder(String path, @Nullable String token, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher body(@Nullable Object body) {
        if (body == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return HttpRequest.BodyPublishers.ofString(text);
    }

    /** Signs up a new account of {@code role} with a unique email and signs it in. */
    public Account signUp(String role) {
        String email = role.toLowerCase() + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID()
                + "@test.boxoffice.test";
        Response created = post(
                "/api/v1/accounts",
                null,
                Map.of("email", email, "password", "password-" + email, "displayName", "Tester", "role", role));
        if (created.status() != 201) {
            throw new IllegalStateException("sign-up failed: " + created.status() + " " + created.text());
        }
        return new Account(created.json().get("id").asString(), email, token(email, "password-" + email));
    }

    /** Creates a venue in {@code city} (the fixture's other fields) as the organizer; returns its id. */
    public String venueId(String organizerToken, String city) {
        Response created = post("/api/v1/venues", organizerToken, Fixtures.venue(city));
        if (created.status() != 201) {
            throw new IllegalStateException("venue not created: " + created.status() + " " + created.text());
        }
        return created.json().get("id").asString();
    }

    /** Creates an event with these ticket types at the organizer's venue, publishes it, and returns it. */
    public JsonNode publishedEvent(String organizerToken, String venueId, List<Map<String, Object>> ticketTypes) {
        Map<String, Object> body = Fixtures.event(venueId, "On sale", Fixtures.inDays(20));
        body.put("ticketTypes", ticketTypes);
        String id =
                post("/api/v1/events", organizerToken, body).json().get("id").asString();
        Response published = post("/api/v1/events/" + id + "/publish", organizerToken, null);
        if (published.status() != 200) {
            throw new IllegalStateException("publish failed: " + published.text());
        }
        return published.json();
    }

    /** Signs in and returns the access token. */
    public String token(String email, String password) {
        Response response = post("/api/v1/auth/token", null, Map.of("email", email, "password", password));
        if (response.status() != 200) {
            throw new IllegalStateException("sign-in failed: " + response.status() + " " + response.text());
        }
        return response.json().get("accessToken").asString();
    }
}
