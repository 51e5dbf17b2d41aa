package io.boxoffice.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local server speaking the parts of Stripe's API Boxoffice uses (WireMock on loopback), with
 * response bodies shaped as Stripe's API reference documents them, and webhook deliveries signed
 * as Stripe signs them ({@code t=…,v1=HMAC-SHA256(secret, t + "." + body)}).
 */
public final class StripeStub implements AutoCloseable {

    public static final String API_KEY = "sk_test_boxoffice_tests";
    public static final String WEBHOOK_SECRET = "whsec_boxoffice_tests";

    private final WireMockServer server = new WireMockServer(
            // as many requests at once as the tests send: a queue here would look like a slow Stripe
            options()
                    .dynamicPort()
                    .bindAddress("127.0.0.1")
                    .containerThreads(120)
                    .jettyAcceptors(2));

    public StripeStub() {
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public void reset() {
        server.resetAll();
    }

    /** {@code POST /v1/payment_intents} answers {@code response}. */
    public void onCreateIntent(ResponseDefinitionBuilder response) {
        server.stubFor(post(urlEqualTo("/v1/payment_intents")).willReturn(response));
    }

    public void onCreateIntent(MappingBuilder mapping) {
        server.stubFor(mapping);
    }

    public static MappingBuilder createIntent() {
        return post(urlEqualTo("/v1/payment_intents"));
    }

    public void onRetrieveIntent(String id, ResponseDefinitionBuilder response) {
        server.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + id)).willReturn(response));
    }

    public void onCancelIntent(String id, ResponseDefinitionBuilder response) {
        server.stubFor(post(urlEqualTo("/v1/payment_intents/" + id + "/cancel")).willReturn(response));
    }

    public void onRefund(MappingBuilder mapping) {
        server.stubFor(mapping);
    }

    public static MappingBuilder createRefund() {
        return post(urlEqualTo("/v1/refunds"));
    }

    /** The intents created, in the order they were asked for. */
    public List<LoggedRequest> intentsCreated() {
        return server.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents")));
    }

    public List<LoggedRequest> refundsCreated() {
        return server.findAll(postRequestedFor(urlEqualTo("/v1/refunds")));
    }

    /** A PaymentIntent as Stripe returns it. */
    public static ResponseDefinitionBuilder intent(String id, String status, long amount, String currency) {
        String next = status.equals("requires_action")
                ? "{\"type\":\"redirect_to_url\",\"redirect_to_url\":{\"url\":\"https://hooks.stripe.com/3d_secure_2/hosted?intent="
                        + id + "\",\"return_url\":\"https://tickets.example.com/return\"}}"
                : "null";
        return json(200, """
                {"id":"%s","object":"payment_intent","amount":%d,"currency":"%s","status":"%s",
                 "client_secret":"%s_secret_abc","capture_method":"automatic","confirmation_method":"automatic",
                 "livemode":false,"metadata":{},"next_action":%s,"last_payment_error":null,
                 "latest_charge":%s}""".formatted(
                id, amount, currency, status, id, next, status.equals("succeeded") ? "\"ch_" + id + "\"" : "null"));
    }

    /** A card declined on confirmation: HTTP 402 with the intent inside the error. */
    public static ResponseDefinitionBuilder declined(String id, long amount, String currency) {
        return json(402, """
                {"error":{"type":"card_error","code":"card_declined","decline_code":"generic_decline",
                 "message":"Your card was declined.","payment_intent":{"id":"%s","object":"payment_intent",
                 "amount":%d,"currency":"%s","status":"requires_payment_method","metadata":{}}}}""".formatted(id, amount, currency));
    }

    public static ResponseDefinitionBuilder serverError() {
        return json(500, """
                {"error":{"type":"api_error","message":"An unknown error occurred."}}""");
    }

    public static ResponseDefinitionBuilder refund(String id, String intent, long amount, String status) {
        return json(200, """
                {"id":"%s","object":"refund","amount":%d,"currency":"gbp","payment_intent":"%s","status":"%s",
                 "failure_reason":%s}""".formatted(
                        id, amount, intent, status, status.equals("failed") ? "\"insufficient_funds\"" : "null"));
    }

    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_test")
                .withBody(body);
    }

    /** An event as Stripe delivers it to a webhook, about {@code object}. */
    public static String event(String id, String type, String object) {
        return """
                {"id":"%s","object":"event","api_version":"2025-09-30.clover","created":%d,"type":"%s",
                 "livemode":false,"pending_webhooks":1,"data":{"object":%s}}""".formatted(id, Instant.now().getEpochSecond(), type, object);
    }

    /** A PaymentIntent's JSON as a webhook carries it, with Boxoffice's metadata. */
    public static String intentObject(String id, String status, Map<String, String> metadata) {
        StringBuilder meta = new StringBuilder();
        metadata.forEach((k, v) -> meta.append(meta.isEmpty() ? "" : ",")
                .append('"')
                .append(k)
                .append("\":\"")
                .append(v)
                .append('"'));
        return """
                {"id":"%s","object":"payment_intent","status":"%s","metadata":{%s}}""".formatted(id, status, meta);
    }

    /** The {@code Stripe-Signature} of {@code payload} signed at {@code at} with {@code secret}. */
    public static String signature(String payload, Instant at, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            long t = at.getEpochSecond();
            byte[] digest = mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
