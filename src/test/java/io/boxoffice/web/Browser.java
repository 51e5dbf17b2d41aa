package io.boxoffice.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The web front as a browser sends it: form posts with the CSRF cookie and field, and the session
 * cookie once signed in. Cookies are handled by hand, because they are {@code Secure} and the tests
 * speak plain HTTP to localhost.
 */
public final class Browser {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final Api http;

    public Browser(String base) {
        this.http = new Api(base);
    }

    /** A page fetched without any cookie. */
    Api.Response get(String path, String... headers) {
        return http.get(path, null, headers);
    }

    /** A form's page, with the CSRF cookie it set and the token in its hidden field. */
    record Form(Api.Response page, String csrfCookie, String token) {}

    Form form(String path) {
        Api.Response page = get(path);
        Matcher field = CSRF_FIELD.matcher(page.text());
        assertThat(field.find()).as("a CSRF field on " + path).isTrue();
        return new Form(page, cookie(page, "boxoffice_csrf"), field.group(1));
    }

    /** A form post with these cookies (or none). */
    Api.Response post(String path, @Nullable String cookies, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = http.builder(path, null)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (cookies != null) {
            request.header("Cookie", cookies);
        }
        return http.send(request);
    }

    /** Signs in through the form; fails the test unless it worked. */
    Session signIn(String email, String password) {
        Form form = form("/signin");
        Api.Response signedIn = post(
                "/signin",
                "boxoffice_csrf=" + form.csrfCookie(),
                Map.of("email", email, "password", password, "_csrf", form.token()));
        assertThat(signedIn.status()).as("signing in " + email).isEqualTo(302);
        return new Session(
                this,
                "boxoffice_csrf=" + form.csrfCookie() + "; boxoffice_session=" + cookie(signedIn, "boxoffice_session"),
                form.token());
    }

    public Session signIn(Api.Account account) {
        return signIn(account.email(), "password-" + account.email());
    }

    /** A signed-in browser: its cookies and the CSRF token its forms carry. */
    public record Session(Browser browser, String cookies, String csrf) {

        public Api.Response get(String path) {
            return browser.http.send(
                    browser.http.builder(path, null).header("Cookie", cookies).GET());
        }

        public Api.Response post(String path, Map<String, String> fields) {
            Map<String, String> all = new HashMap<>(fields);
            all.put("_csrf", csrf);
            return browser.post(path, cookies, all);
        }

        /** The path a redirect sends the browser to. */
        public static String location(Api.Response response) {
            assertThat(response.status()).as("a redirect").isEqualTo(302);
            return response.header("Location").replaceFirst("^https?://[^/]+", "");
        }
    }

    static String cookie(Api.Response response, String name) {
        return response.raw().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie"));
    }
}
