package io.boxoffice.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import io.boxoffice.support.RawHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The edges a careless client finds: NUL characters, unexpected content types, addresses the
 * servlet container refuses, and writes without a token or by a stranger. Each is a problem+json
 * 4xx that names what is wrong, and nothing changes.
 */
class InputEdgeTests extends ApiTest {

    private static final String NUL = "\\u0000";

    @Autowired
    private JdbcClient jdbc;

    @Test
    void aNulInAJsonFieldIsA400NamingTheFieldAndNothingIsStored() {
        Api.Response signIn =
                api.post("/api/v1/auth/token", null, "{\"email\":\"a" + NUL + "b@x.test\",\"password\":\"x\"}");
        assertField(signIn, "email");

        String email = "nul-" + System.nanoTime() + "@test.boxoffice.test";
        Api.Response signUp = api.post(
                "/api/v1/accounts",
                null,
                "{\"email\":\"" + email + "\",\"password\":\"long-enough-password\",\"displayName\":\"A" + NUL
                        + "\",\"role\":\"ATTENDEE\"}");
        assertField(signUp, "displayName");
        assertThat(jdbc.sql("select count(*) from account where email = :email")
                        .param("email", email)
                        .query(Integer.class)
                        .single())
                .isZero();

        Api.Account organizer = api.signUp("ORGANIZER");
        assertField(api.post("/api/v1/checkins", organizer.token(), "{\"code\":\"" + NUL + "\"}"), "code");
        String venue = "{\"name\":\"Hall\",\"address\":\"1 St\",\"city\":\"Nul" + NUL
                + "\",\"countryCode\":\"GB\",\"latitude\":51.5,\"longitude\":-0.1,\"capacity\":100}";
        assertField(api.post("/api/v1/venues", organizer.token(), venue), "city");
    }

    @Test
    void aNulInAQueryParameterIsA400NamingTheParameter() {
        assertField(api.get("/api/v1/events?q=jazz%00"), "q");
        assertField(api.get("/api/v1/events?city=%00"), "city");
        assertField(api.get("/api/v1/venues?city=a%00b"), "city");
    }

    @Test
    void aNulInAPaymentMethodIsA400ForTheOrdersBuyer() {
        Api.Account organizer = api.signUp("ORGANIZER");
        String venueId = api.venueId(organizer.token(), "Paytown");
        JsonNode event = api.publishedEvent(organizer.token(), venueId, List.of(Fixtures.ticketType("A", 1000, 5)));
        Api.Account buyer = api.signUp("ATTENDEE");
        String orderId = api.post(
                        "/api/v1/orders",
                        buyer.token(),
                        Fixtures.order(
                                event.get("id").asString(),
                                event.get("ticketTypes").get(0).get("id").asString(),
                                1))
                .json()
                .get("id")
                .asString();
        assertField(
                api.post(
                        "/api/v1/orders/" + orderId + "/pay",
                        buyer.token(),
                        "{\"paymentMethod\":\"test_ok" + NUL + "\"}"),
                "paymentMethod");
        // someone else's order: not found, whatever the body says
        assertProblem(
                api.post(
                        "/api/v1/orders/" + orderId + "/pay",
                        api.signUp("ATTENDEE").token(),
                        "{\"paymentMethod\":\"\"}"),
                404);
        assertThat(api.get("/api/v1/orders/" + orderId, buyer.token())
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("PENDING");
    }

    @Test
    void unexpectedContentTypesAre415OrIgnoredNever500() {
        for (String type : List.of("multipart/form-data", "multipart/form-data; boundary=x", "text/plain", "garbage")) {
            Api.Response response = api.send(api.builder("/api/v1/auth/token", null)
                    .header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString("junk")));
            assertProblem(response, 415);
        }
        Api.Account organizer = api.signUp("ORGANIZER");
        // a form where JSON belongs, even one that cannot be decoded, is a 415, not a failed decode
        Api.Response form =
                api.send(api.builder("/api/v1/events/00000000-0000-0000-0000-000000000000", organizer.token())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString("title=%zz")));
        assertProblem(form, 415);
        Api.Response publish =
                api.send(api.builder("/api/v1/events/00000000-0000-0000-0000-000000000000/publish", organizer.token())
                        .header("Content-Type", "multipart/form-data")
                        .POST(HttpRequest.BodyPublishers.ofString("junk")));
        assertProblem(publish, 404);
    }

    @Test
    void addressesTheContainerRefusesAreProblemsNotHtml() throws IOException {
        for (String target : List.of(
                "/api/v1/events/%zz",
                "/api/v1/events/a%2fb",
                "/api/v1/events/a%5cb",
                "/api/v1/events/%00",
                "/api/v1/events?q={}|^",
                "/api/v1/events;x=1",
                "/api/v1/orders/;x=1%zz")) {
            RawHttp.Response response = raw(target);
            assertThat(response.status()).as(target).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(target).startsWith("application/problem+json");
            JsonNode problem = Api.JSON.readTree(response.body());
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("type").asString()).startsWith("https://boxoffice.io/problems/");
        }
        RawHttp.Response query = raw("/api/v1/events?q=%zz");
        assertThat(query.status()).isEqualTo(400);
        assertThat(Api.JSON.readTree(query.body()).get("type").asString()).endsWith("/malformed-parameters");
    }

    @Test
    void writesWithoutATokenAre401WhateverTheBody() {
        assertProblem(api.post("/api/v1/orders", null, "{\"items\":[]}"), 401);
        assertProblem(api.post("/api/v1/orders", null, "{\"eventId\":"), 401);
        assertProblem(api.post("/api/v1/checkins", null, "{}"), 401);
        assertProblem(api.post("/api/v1/orders/00000000-0000-0000-0000-000000000000/pay", null, "{}"), 401);
        assertProblem(api.patch("/api/v1/events/00000000-0000-0000-0000-000000000000", null, Map.of("title", "")), 401);
        assertProblem(api.delete("/api/v1/me", null), 401);
    }

    @Test
    void aStrangersChangeIsRefusedBeforeItsBodyIsJudged() {
        Api.Account owner = api.signUp("ORGANIZER");
        String venueId = api.venueId(owner.token(), "Ownerton");
        JsonNode event = api.publishedEvent(owner.token(), venueId, List.of(Fixtures.ticketType("A", 1000, 5)));
        String stranger = api.signUp("ORGANIZER").token();
        Map<String, Object> invalid = Map.of("title", "", "capacity", -1, "name", "");

        assertProblem(api.patch("/api/v1/events/" + event.get("id").asString(), stranger, invalid), 403);
        assertProblem(api.patch("/api/v1/venues/" + venueId, stranger, invalid), 403);
        // the owner, with the same body, is told what is wrong with it
        assertProblem(api.patch("/api/v1/events/" + event.get("id").asString(), owner.token(), invalid), 400);
        assertProblem(api.post("/api/v1/venues", api.signUp("ATTENDEE").token(), "{}"), 403);
    }

    /** Sends a request line as written, bytes the JDK's client would refuse to send. */
    private RawHttp.Response raw(String target) throws IOException {
        URI base = URI.create(api.base());
        return new RawHttp(base.getHost(), base.getPort(), Duration.ofSeconds(10)).send("GET", target, Map.of(), null);
    }

    private static void assertField(Api.Response response, String field) {
        assertProblem(response, 400);
        assertThat(response.json().get("type").asString()).endsWith("/validation");
        assertThat(response.json().get("errors").toString()).contains("\"field\":\"" + field + "\"");
    }

    private static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.text()).doesNotContain("Exception");
    }
}
