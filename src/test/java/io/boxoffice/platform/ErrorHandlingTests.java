package io.boxoffice.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** Every failure is an RFC 9457 problem: never an HTML page, never a stack trace, never a 500 for bad input. */
class ErrorHandlingTests extends ApiTest {

    @Test
    void malformedJsonIs400() {
        Api.Account organizer = api.signUp("ORGANIZER");
        Api.Response response = api.post("/api/v1/venues", organizer.token(), "{\"name\": ");
        assertProblem(response, 400);
        assertThat(response.json().get("type").asString()).endsWith("/malformed-json");
        assertThat(api.post("/api/v1/accounts", null, "[1,2]").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/accounts", null, "").status()).isEqualTo(400);
    }

    @Test
    void unknownRoutesAre404ProblemsExceptAPageAddressInABrowser() {
        assertProblem(api.get("/api/v1/nowhere"), 404);
        assertProblem(api.get("/api/v1/nowhere", null, "Accept", "text/html"), 404);
        assertProblem(api.get("/nowhere", null, "Accept", "application/json"), 404);
        // a person who mistypes a page's address gets the site's page, still without a stack trace
        Api.Response page = api.get("/nowhere", null, "Accept", "text/html");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.text()).contains("There is no such page.").doesNotContain("Exception");
    }

    @Test
    void wrongMethodAndMediaTypeAreProblems() {
        assertProblem(
                api.send(api.builder("/api/v1/events", null).method("PUT", HttpRequest.BodyPublishers.noBody())), 405);
        Api.Response xml = api.send(api.builder("/api/v1/accounts", null)
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<account/>")));
        assertProblem(xml, 415);
    }

    @Test
    void oversizedBodiesAre413AndChangeNothing() {
        Api.Account organizer = api.signUp("ORGANIZER");
        Map<String, Object> venue = Fixtures.venue("Hugeville");
        venue.put("name", "x".repeat(300 * 1024));
        Api.Response declared = api.post("/api/v1/venues", organizer.token(), venue);
        assertProblem(declared, 413);

        // the same body streamed without a Content-Length
        byte[] body = Api.JSON.writeValueAsBytes(venue);
        HttpRequest.BodyPublisher chunked = new HttpRequest.BodyPublisher() {
            private final HttpRequest.BodyPublisher delegate = HttpRequest.BodyPublishers.ofByteArray(body);

            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super java.nio.ByteBuffer> subscriber) {
                delegate.subscribe(subscriber);
            }
        };
        Api.Response streamed = api.send(api.builder("/api/v1/venues", organizer.token())
                .header("Content-Type", "application/json")
                .POST(chunked));
        assertProblem(streamed, 413);
        assertThat(api.get("/api/v1/venues?city=Hugeville").json().get("items")).isEmpty();
    }

    @Test
    void probesAndApiDocsAreOnThePublicPortAndMetricsOnlyOnTheManagementPort() {
        assertThat(api.get("/livez").status()).isEqualTo(200);
        Api.Response readiness = api.get("/readyz");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
        for (String operational : List.of("/actuator/prometheus", "/actuator/health", "/actuator/health/readiness")) {
            assertProblem(api.get(operational), 404);
        }
        assertThat(management().get("/actuator/prometheus").text()).contains("boxoffice_");
        assertThat(management().get("/actuator/health/readiness").status()).isEqualTo(200);
        Api.Response docs = api.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/v1/events")).isTrue();
        assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    private static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("type").asString()).startsWith("https://boxoffice.io/problems/");
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("at io.boxoffice");
    }
}
