import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the load generators here (FlashSale, DrillOrders) say to Boxoffice's API: sign-up, JSON
 * posts with a token and an Idempotency-Key, and reading a field out of an answer. The launcher
 * compiles it with whichever of them is run ({@code java bench/FlashSale.java}).
 */
final class LoadClient {

    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    private LoadClient() {}

    /** A new account with {@code role}; returns its access token. */
    static String signUp(HttpClient http, String url, String role) throws Exception {
        String email = "load-" + role.toLowerCase() + "-" + ACCOUNTS.incrementAndGet() + "-" + UUID.randomUUID()
                + "@load.boxoffice.test";
        post(http, url + "/api/v1/accounts", null, """
                {"email":"%s","password":"load-password","displayName":"Load","role":"%s"}""".formatted(email, role), null);
        String token = post(http, url + "/api/v1/auth/token", null, """
                {"email":"%s","password":"load-password"}""".formatted(email), null).body();
        return match(token, "\"accessToken\":\"([^\"]+)\"");
    }

    static HttpResponse<String> post(HttpClient http, String url, String token, String body, String key)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String get(HttpClient http, String url, String token) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** The id of the resource an answer describes. */
    static String id(String json) {
        return match(json, "^\\{\"id\":\"([^\"]+)\"");
    }

    static String match(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + regex + " in " + text);
        }
        return matcher.group(1);
    }
}
