package io.boxoffice.orders;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import io.boxoffice.support.StripeStub;
import io.boxoffice.web.Browser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Payments through Stripe, against a local server that speaks the parts of Stripe's API Boxoffice
 * uses: success, decline, 3-D Secure, a 500 and a timeout whose charge went through (settled by
 * reconciliation, once), webhooks (signed, duplicated, out of order, forged), refunds that fail
 * and are retried, and the test card refused.
 */
class StripePaymentsTests extends ApiTest {

    private static final StripeStub STRIPE = new StripeStub();

    @DynamicPropertySource
    static void stripe(DynamicPropertyRegistry registry) {
        registry.add("boxoffice.payments.provider", () -> "stripe");
        registry.add("boxoffice.payments.stripe.api-key", () -> StripeStub.API_KEY);
        registry.add("boxoffice.payments.stripe.webhook-secret", () -> StripeStub.WEBHOOK_SECRET);
        registry.add("boxoffice.payments.stripe.publishable-key", () -> "pk_test_boxoffice");
        registry.add("boxoffice.payments.stripe.api-base", STRIPE::url);
        registry.add("boxoffice.payments.stripe.timeout", () -> "3s");
    }

    @AfterAll
    static void stopStripe() {
        STRIPE.close();
    }

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private PaymentReconciliation reconciliation;

    @Autowired
    private HoldSweeper sweeper;

    @Autowired
    private com.zaxxer.hikari.HikariDataSource primaryPool;

    private static Api.Account organizer;
    private static Api.Account buyer;
    private JsonNode event;

    @BeforeEach
    void onSale() {
        STRIPE.reset();
        if (organizer == null) { // once for the class: a password hash is the dearest step of a set-up
            organizer = api.signUp("ORGANIZER");
            buyer = api.signUp("ATTENDEE");
        }
        event = api.publishedEvent(
                organizer.token(),
                api.venueId(organizer.token(), "Stripeham"),
                List.of(Fixtures.ticketType("Standard", 2500, 100)));
    }

    private String hold(int quantity) {
        Api.Response held = api.post("/api/v1/orders", buyer.token(), Fixtures.order(event, quantity));
        assertThat(held.status()).as(held.text()).isEqualTo(201);
        return held.json().get("id").asString();
    }

    private Api.Response pay(String orderId, String method) {
        return api.post("/api/v1/orders/" + orderId + "/pay", buyer.token(), Map.of("paymentMethod", method));
    }

    private String status(String orderId) {
        return api.get("/api/v1/orders/" + orderId, buyer.token())
                .json()
                .get("status")
                .asString();
    }

    private JsonNode history(String orderId) {
        Api.Response history = api.get("/api/v1/orders/" + orderId + "/payments", buyer.token());
        assertThat(history.status()).as(history.text()).isEqualTo(200);
        return history.json();
    }

    private int sold() {
        return jdbc.sql("select sold from ticket_type where id = cast(:id as uuid)")
                .param("id", event.get("ticketTypes").get(0).get("id").asString())
                .query(Integer.class)
                .single();
    }

    @Test
    void aPaymentConfirmsTheOrderWithOneIntentKeyedByOrderAndAttempt() {
        String order = hold(2);
        STRIPE.onCreateIntent(StripeStub.intent("pi_ok", "succeeded", 5000, "gbp"));

        Api.Response paid = pay(order, "pm_card_visa");
        assertThat(paid.status()).as(paid.text()).isEqualTo(200);
        assertThat(paid.json().get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(paid.json().get("tickets")).hasSize(2);

        var created = STRIPE.intentsCreated();
        assertThat(created).hasSize(1);
        assertThat(created.getFirst().getHeader("Idempotency-Key")).isEqualTo("boxoffice-charge-" + order + "-1");
        String form = created.getFirst().getBodyAsString();
        assertThat(form)
                .contains("amount=5000", "currency=gbp", "payment_method=pm_card_visa", "confirm=true")
                .contains("automatic_payment_methods[enabled]=true", "automatic_payment_methods[allow_redirects]=never")
                .contains("metadata[order_id]=" + order, "metadata[attempt]=1")
                .contains("metadata[organizer_id]=" + event.get("organizerId").asString());
        JsonNode history = history(order);
        assertThat(history.get("chargedCents").asLong()).isEqualTo(5000);
        assertThat(history.get("attempts").get(0).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(history.get("attempts").get(0).get("providerReference").asString())
                .isEqualTo("pi_ok");
    }

    @Test
    void aDeclineKeepsTheHoldAndAnotherCardPays() {
        String order = hold(1);
        STRIPE.onCreateIntent(StripeStub.createIntent()
                .withRequestBody(containing("pm_card_chargeDeclined"))
                .willReturn(StripeStub.declined("pi_no", 2500, "gbp")));
        STRIPE.onCreateIntent(StripeStub.createIntent()
                .withRequestBody(containing("pm_card_visa"))
                .willReturn(StripeStub.intent("pi_yes", "succeeded", 2500, "gbp")));

        Api.Response declined = pay(order, "pm_card_chargeDeclined");
        assertThat(declined.status()).as(declined.text()).isEqualTo(402);
        assertThat(declined.json().get("type").asString()).endsWith("/payment-declined");
        assertThat(declined.json().get("detail").asString()).isEqualTo("Your card was declined.");
        assertThat(status(order)).isEqualTo("PENDING");

        assertThat(pay(order, "pm_card_visa").status()).isEqualTo(200);
        JsonNode history = history(order);
        assertThat(history.get("attempts")).hasSize(2);
        assertThat(history.get("attempts").get(0).get("status").asString()).isEqualTo("DECLINED");
        assertThat(history.get("attempts").get(1).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(STRIPE.intentsCreated().get(1).getHeader("Idempotency-Key"))
                .isEqualTo("boxoffice-charge-" + order + "-2");
    }

    @Test
    void threeDSecureAnswers202AndTheWebhookConfirmsTheOrder() {
        String order = hold(1);
        STRIPE.onCreateIntent(StripeStub.intent("pi_3ds", "requires_action", 2500, "gbp"));

        Api.Response challenged = pay(order, "pm_card_threeDSecure2Required");
        assertThat(challenged.status()).as(challenged.text()).isEqualTo(202);
        assertThat(challenged.json().get("status").asString()).isEqualTo("PAYMENT_ACTION_REQUIRED");
        assertThat(challenged.json().get("clientSecret").asString()).isEqualTo("pi_3ds_secret_abc");
        assertThat(challenged.json().get("nextActionUrl").asString()).startsWith("https://hooks.stripe.com/");
        assertThat(status(order)).isEqualTo("PENDING");

        // the buyer completes the challenge; Stripe says so
        STRIPE.onRetrieveIntent("pi_3ds", StripeStub.intent("pi_3ds", "succeeded", 2500, "gbp"));
        Api.Response delivered =
                deliver("evt_3ds_ok", "payment_intent.succeeded", intentObject("pi_3ds", "succeeded", order, 1));
        assertThat(delivered.status()).as(delivered.text()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(order).equals("CONFIRMED"));
        assertThat(sold()).isEqualTo(1);
    }

    @Test
    void aChallengeLeftForAnotherCardIsCancelledAtStripeAndTheOtherCardPays() {
        String order = hold(1);
        STRIPE.onCreateIntent(StripeStub.createIntent()
                .withRequestBody(containing("pm_card_threeDSecure2Required"))
                .willReturn(StripeStub.intent("pi_left", "requires_action", 2500, "gbp")));
        STRIPE.onCreateIntent(StripeStub.createIntent()
                .withRequestBody(containing("pm_card_visa"))
                .willReturn(StripeStub.intent("pi_other", "succeeded", 2500, "gbp")));
        STRIPE.onCancelIntent("pi_left", StripeStub.intent("pi_left", "canceled", 2500, "gbp"));

        assertThat(pay(order, "pm_card_threeDSecure2Required").status()).isEqualTo(202);
        Api.Response paid = pay(order, "pm_card_visa");
        assertThat(paid.status()).as(paid.text()).isEqualTo(200);
        JsonNode attempts = history(order).get("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(attempts.get(1).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(history(order).get("chargedCents").asLong()).isEqualTo(2500);
    }

    @Test
    void aStripe500LeavesThePaymentPendingAndReconciliationConfirmsItOnce() {
        String order = hold(2);
        STRIPE.onCreateIntent(StripeStub.createIntent()
                .inScenario("500 then charged")
                .whenScenarioStateIs(STARTED)
                .willReturn(StripeStub.serverError())
                .willSetStateTo("recovered"));
        STRIPE.onCreateIntent(StripeStub.createIntent()
                .inScenario("500 then charged")
                .whenScenarioStateIs("recovered")
                .willReturn(StripeStub.intent("pi_after_500", "succeeded", 5000, "gbp")));

        Api.Response pending = pay(order, "pm_card_visa");
        assertThat(pending.status()).as(pending.text()).isEqualTo(202);
        assertThat(pending.json().get("status").asString()).isEqualTo("PAYMENT_PENDING");
        assertThat(status(order)).isEqualTo("PENDING");

        clock.advance(Duration.ofMinutes(1));
        reconciliation.run();
        reconciliation.run(); // a second pass finds it settled
        assertThat(status(order)).isEqualTo("CONFIRMED");
        // the buyer's call, and reconciliation's (the scheduled pass may ask too): one key, one charge
        assertThat(STRIPE.intentsCreated())
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(request ->
                        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("boxoffice-charge-" + order + "-1"));
        assertThat(sold()).isEqualTo(2);
        assertThat(history(order).get("attempts")).hasSize(1);
    }

    @Test
    void aTimeoutAfterStripeChargedIsSettledByReconciliationExactlyOnce() {
        String order = hold(3);
        // the charge goes through, but the answer comes after the client's 3 s timeout
        STRIPE.onCreateIntent(StripeStub.createIntent()
                .inScenario("slow charge")
                .whenScenarioStateIs(STARTED)
                .willReturn(
                        StripeStub.intent("pi_slow", "succeeded", 7500, "gbp").withFixedDelay(4_000))
                .willSetStateTo("charged"));
        STRIPE.onCreateIntent(StripeStub.createIntent()
                .inScenario("slow charge")
                .whenScenarioStateIs("charged")
                .withHeader("Idempotency-Key", equalTo("boxoffice-charge-" + order + "-1"))
                .willReturn(StripeStub.intent("pi_slow", "succeeded", 7500, "gbp")));

        Api.Response pending = pay(order, "pm_card_visa");
        assertThat(pending.status()).as(pending.text()).isEqualTo(202);
        // a retry by the buyer with the same card asks where it stands: Stripe replays the charge
        Api.Response again = pay(order, "pm_card_visa");
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        reconciliation.run();
        assertThat(status(order)).isEqualTo("CONFIRMED");
        assertThat(sold()).isEqualTo(3);
        assertThat(api.get("/api/v1/orders/" + order, buyer.token()).json().get("tickets"))
                .hasSize(3);
        JsonNode history = history(order);
        assertThat(history.get("attempts")).hasSize(1);
        assertThat(history.get("chargedCents").asLong()).isEqualTo(7500);
    }

    @Test
    void duplicateAndOutOfOrderWebhooksChangeNothingAndAForgedOneIsRefused() {
        String order = hold(1);
        STRIPE.onCreateIntent(StripeStub.intent("pi_hooks", "requires_action", 2500, "gbp"));
        assertThat(pay(order, "pm_card_threeDSecure2Required").status()).isEqualTo(202);
        STRIPE.onRetrieveIntent("pi_hooks", StripeStub.intent("pi_hooks", "succeeded", 2500, "gbp"));

        String succeeded = intentObject("pi_hooks", "succeeded", order, 1);
        assertThat(deliver("evt_dup", "payment_intent.succeeded", succeeded).status())
                .isEqualTo(200);
        assertThat(deliver("evt_dup", "payment_intent.succeeded", succeeded).status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(order).equals("CONFIRMED"));
        // an older event, delivered late: the intent is read again, and it succeeded
        assertThat(deliver(
                                "evt_late_failure",
                                "payment_intent.payment_failed",
                                intentObject("pi_hooks", "requires_payment_method", order, 1))
                        .status())
                .isEqualTo(200);
        assertThat(recorded("evt_dup")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> pendingJobs("payment-notice") == 0);
        assertThat(status(order)).isEqualTo("CONFIRMED");
        assertThat(sold()).isEqualTo(1);

        String forged = StripeStub.event("evt_forged", "payment_intent.succeeded", succeeded);
        Api.Response refused = api.post(
                "/api/v1/payments/stripe/webhook",
                null,
                forged,
                "Stripe-Signature",
                StripeStub.signature(forged, clock.instant(), "whsec_someone_else"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("type").asString()).endsWith("/invalid-signature");
        assertThat(recorded("evt_forged")).isZero();
        Api.Response stale = api.post(
                "/api/v1/payments/stripe/webhook",
                null,
                forged,
                "Stripe-Signature",
                StripeStub.signature(forged, clock.instant().minus(Duration.ofHours(1)), StripeStub.WEBHOOK_SECRET));
        assertThat(stale.status()).isEqualTo(400);
        assertThat(recorded("evt_forged")).isZero();
    }

    @Test
    void aDisputeIsRecordedOnceAndFlagsTheOrderForItsOrganizer() {
        String order = hold(1);
        STRIPE.onCreateIntent(StripeStub.intent("pi_disputed", "succeeded", 2500, "gbp"));
        assertThat(pay(order, "pm_card_visa").status()).isEqualTo(200);
        String dispute = """
                {"id":"dp_1","object":"dispute","amount":2500,"currency":"gbp","reason":"fraudulent",
                 "status":"needs_response","payment_intent":"pi_disputed","charge":"ch_pi_disputed"}""";
        assertThat(deliver("evt_dispute", "charge.dispute.created", dispute).status())
                .isEqualTo(200);
        assertThat(deliver("evt_dispute_again", "charge.dispute.created", dispute)
                        .status())
                .isEqualTo(200);

        JsonNode history = history(order);
        assertThat(history.get("disputes")).hasSize(1);
        assertThat(history.get("disputes").get(0).get("reason").asString()).isEqualTo("fraudulent");
        assertThat(history.get("disputes").get(0).get("amountCents").asLong()).isEqualTo(2500);
        Api.Response stats = api.get("/api/v1/events/" + event.get("id").asString() + "/stats", organizer.token());
        assertThat(stats.json().get("disputed").asLong()).isEqualTo(1);
        // the organizer reads the order's money too; another buyer does not
        assertThat(api.get("/api/v1/orders/" + order + "/payments", organizer.token())
                        .status())
                .isEqualTo(200);
        assertThat(api.get(
                                "/api/v1/orders/" + order + "/payments",
                                api.signUp("ATTENDEE").token())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aChargeThatSucceedsAfterTheEventWasCancelledIsRefundedInFullNotConfirmed() {
        String order = hold(2);
        STRIPE.onCreateIntent(StripeStub.intent("pi_late", "requires_action", 5000, "gbp"));
        assertThat(pay(order, "pm_card_threeDSecure2Required").status()).isEqualTo(202);

        // the organizer cancels the event while the buyer is at their bank's challenge
        Api.Response cancelled =
                api.post("/api/v1/events/" + event.get("id").asString() + "/cancel", organizer.token(), null);
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(status(order)).isEqualTo("CANCELLED");

        // then the challenge succeeds: the money moved for an order whose hold is gone
        STRIPE.onRetrieveIntent("pi_late", StripeStub.intent("pi_late", "succeeded", 5000, "gbp"));
        STRIPE.onRefund(
                StripeStub.createRefund().willReturn(StripeStub.refund("re_late", "pi_late", 5000, "succeeded")));
        assertThat(deliver(
                                "evt_late_success",
                                "payment_intent.succeeded",
                                intentObject("pi_late", "succeeded", order, 1))
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode refunds = history(order).get("refunds");
            return refunds.size() == 1
                    && refunds.get(0).get("status").asString().equals("SUCCEEDED");
        });
        JsonNode history = history(order);
        assertThat(status(order)).as("never confirmed").isEqualTo("CANCELLED");
        assertThat(history.get("attempts").get(0).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(history.get("refunds").get(0).get("reason").asString()).isEqualTo("HOLD_RELEASED");
        assertThat(history.get("refundedCents").asLong())
                .isEqualTo(5000)
                .isEqualTo(history.get("chargedCents").asLong());
        assertThat(sold()).isZero();
        assertThat(STRIPE.refundsCreated()).hasSize(1);
        assertThat(STRIPE.refundsCreated().getFirst().getBodyAsString())
                .contains("payment_intent=pi_late", "amount=5000");
    }

    @Test
    void aRefusedRefundIsOwedAgainAndRetriedUntilItGoesThrough() {
        String order = hold(2);
        STRIPE.onCreateIntent(StripeStub.intent("pi_refund", "succeeded", 5000, "gbp"));
        assertThat(pay(order, "pm_card_visa").status()).isEqualTo(200);
        STRIPE.onRefund(StripeStub.createRefund()
                .inScenario("refund")
                .whenScenarioStateIs(STARTED)
                .willReturn(StripeStub.refund("re_failed", "pi_refund", 5000, "failed"))
                .willSetStateTo("funded"));
        STRIPE.onRefund(StripeStub.createRefund()
                .inScenario("refund")
                .whenScenarioStateIs("funded")
                .willReturn(StripeStub.refund("re_ok", "pi_refund", 5000, "succeeded")));

        Api.Response cancelled = api.post("/api/v1/orders/" + order + "/cancel", buyer.token(), null);
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("REFUNDED");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            clock.advance(Duration.ofSeconds(30)); // the failed run's retry falls due
            JsonNode history = history(order);
            return history.get("refunds").size() == 2
                    && history.get("refunds").get(1).get("status").asString().equals("SUCCEEDED");
        });
        JsonNode history = history(order);
        assertThat(history.get("refunds").get(0).get("status").asString()).isEqualTo("FAILED");
        assertThat(history.get("refundedCents").asLong())
                .isEqualTo(5000)
                .isEqualTo(history.get("chargedCents").asLong());
        var keys = STRIPE.refundsCreated().stream()
                .map(r -> r.getHeader("Idempotency-Key"))
                .toList();
        assertThat(keys).hasSize(2).doesNotHaveDuplicates();
        assertThat(STRIPE.refundsCreated().getFirst().getBodyAsString())
                .contains("payment_intent=pi_refund", "amount=5000");
    }

    @Test
    void theTestCardIsRefusedWhereStripeTakesPayments() {
        String order = hold(1);
        Api.Response refused = pay(order, "test_ok");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("type").asString()).endsWith("/test-payments-disabled");
        assertThat(status(order)).isEqualTo("PENDING");
        assertThat(STRIPE.intentsCreated()).isEmpty();
    }

    @Test
    void twoHundredPaymentsRaceTheSweeperAndNoOrderIsChargedTwiceOrSoldBeyondQuota() throws Exception {
        int buyers = 200;
        STRIPE.onCreateIntent(
                StripeStub.intent("pi_race", "succeeded", 2500, "gbp").withUniformRandomDelay(50, 400));
        Api.Account organizer = api.signUp("ORGANIZER");
        event = api.publishedEvent(
                organizer.token(),
                api.venueId(organizer.token(), "Rushville"),
                List.of(Fixtures.ticketType("Standard", 2500, buyers)));
        // 200 holds from 40 accounts, five each (a password hash per account is what costs here)
        List<Api.Account> accounts = new java.util.ArrayList<>();
        List<String> orders = new java.util.ArrayList<>();
        for (int i = 0; i < buyers / 5; i++) {
            Api.Account account = api.signUp("ATTENDEE");
            for (int j = 0; j < 5; j++) {
                Api.Response held = api.post("/api/v1/orders", account.token(), Fixtures.order(event, 1));
                accounts.add(account);
                orders.add(held.json().get("id").asString());
            }
        }
        assertThat(orders).hasSize(buyers);
        // half the holds ran out a moment ago; the other half end once payments are under way
        List<String> due = new java.util.ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            if (i % 2 == 1) {
                due.add(orders.get(i));
            }
        }
        jdbc.sql("update orders set expires_at = :at where event_id = cast(:event as uuid)")
                .param(
                        "at",
                        java.time.OffsetDateTime.ofInstant(clock.instant().plusSeconds(60), java.time.ZoneOffset.UTC))
                .param("event", event.get("id").asString())
                .update();
        jdbc.sql("update orders set expires_at = :at where id = any(cast(:ids as uuid[]))")
                .param(
                        "at",
                        java.time.OffsetDateTime.ofInstant(clock.instant().minusSeconds(1), java.time.ZoneOffset.UTC))
                .param("ids", due.toArray(String[]::new))
                .update();
        var paying = new java.util.concurrent.atomic.AtomicBoolean(true);
        var start = new java.util.concurrent.CountDownLatch(1);
        var answers = new java.util.concurrent.ConcurrentHashMap<String, Integer>();
        // as many payments at once as the node has database connections
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(21)) {
            var sweeping = pool.submit(() -> {
                start.await();
                boolean advanced = false;
                while (paying.get()) {
                    sweeper.sweepDue();
                    if (!advanced && STRIPE.intentsCreated().size() >= 10) {
                        clock.advance(Duration.ofMinutes(2)); // payments are under way: every hold is now due
                        advanced = true;
                    }
                    Thread.sleep(20); // the sweeper's pace: fifty times the production one, to race harder
                }
                sweeper.sweepDue();
                return null;
            });
            List<java.util.concurrent.Future<?>> payments = new java.util.ArrayList<>();
            for (int i = 0; i < orders.size(); i++) {
                String order = orders.get(i);
                Api.Account account = accounts.get(i);
                payments.add(pool.submit(() -> {
                    start.await();
                    Api.Response paid = api.post(
                            "/api/v1/orders/" + order + "/pay",
                            account.token(),
                            Map.of("paymentMethod", "pm_card_visa"),
                            "Idempotency-Key",
                            UUID.randomUUID().toString());
                    answers.put(order, paid.status());
                    return null;
                }));
            }
            start.countDown();
            for (var payment : payments) {
                payment.get();
            }
            paying.set(false);
            sweeping.get();
        }
        clock.advance(Duration.ofMinutes(1));
        reconciliation.run(); // anything a slow answer left open

        Map<String, List<String>> keysByOrder = new java.util.HashMap<>();
        for (var request : STRIPE.intentsCreated()) {
            String form = request.getBodyAsString();
            String order = form.replaceAll(".*metadata\\[order_id\\]=([0-9a-f-]+).*", "$1");
            keysByOrder
                    .computeIfAbsent(order, k -> new java.util.ArrayList<>())
                    .add(request.getHeader("Idempotency-Key"));
        }
        int confirmed = 0;
        for (String order : orders) {
            String status = jdbc.sql("select status from orders where id = cast(:id as uuid)")
                    .param("id", order)
                    .query(String.class)
                    .single();
            List<String> keys = keysByOrder.getOrDefault(order, List.of());
            assertThat(new java.util.HashSet<>(keys))
                    .as("one charge attempt per order: " + order)
                    .hasSizeLessThanOrEqualTo(1);
            if (status.equals("CONFIRMED")) {
                confirmed++;
                assertThat(keys).as("a confirmed order was charged: " + order).isNotEmpty();
                assertThat(answers.get(order)).isIn(200, 202);
            } else {
                assertThat(status).isEqualTo("EXPIRED");
                assertThat(keys)
                        .as("an expired hold was never charged: " + order)
                        .isEmpty();
                assertThat(answers.get(order)).isEqualTo(410);
            }
        }
        assertThat(sold()).isEqualTo(confirmed).isLessThanOrEqualTo(buyers);
        assertThat(confirmed)
                .as("payments that began before the end were confirmed")
                .isPositive();
        assertThat(jdbc.sql("select held from ticket_type where id = cast(:id as uuid)")
                        .param("id", event.get("ticketTypes").get(0).get("id").asString())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void fiftyPaymentsWaitingOnASlowProviderHoldNoDatabaseConnection() throws Exception {
        List<Api.Account> payers = new java.util.ArrayList<>();
        List<String> orders = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Api.Account account = api.signUp("ATTENDEE");
            for (int j = 0; j < 5; j++) {
                payers.add(account);
                orders.add(api.post("/api/v1/orders", account.token(), Fixtures.order(event, 1))
                        .json()
                        .get("id")
                        .asString());
            }
        }
        STRIPE.onCreateIntent(
                StripeStub.intent("pi_slow_provider", "succeeded", 2500, "gbp").withFixedDelay(2_000));
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(50)) {
            List<java.util.concurrent.Future<Integer>> payments = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String order = orders.get(i);
                Api.Account account = payers.get(i);
                payments.add(pool.submit(() -> api.post(
                                "/api/v1/orders/" + order + "/pay",
                                account.token(),
                                Map.of("paymentMethod", "pm_card_visa"))
                        .status()));
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> STRIPE.intentsCreated().size() >= 50);
            // all fifty payments sit at the provider for two seconds (under the client's 3 s
            // timeout). Had each kept its pooled connection, the pool of 20 would be exhausted and
            // 30 of them would queue for one; what is busy now is the background jobs' share.
            var connections = primaryPool.getHikariPoolMXBean();
            assertThat(connections.getThreadsAwaitingConnection()).isZero();
            assertThat(connections.getActiveConnections()).isLessThan(10);
            assertThat(api.get("/api/v1/events?limit=5").status()).isEqualTo(200);
            Api.Response hold = api.post("/api/v1/orders", buyer.token(), Fixtures.order(event, 1));
            assertThat(hold.status()).as(hold.text()).isEqualTo(201);
            assertThat(payments.stream()
                            .filter(java.util.concurrent.Future::isDone)
                            .count())
                    .as("the listing and the hold answered while payments still waited for the provider")
                    .isLessThan(50);
            for (var payment : payments) {
                assertThat(payment.get()).isEqualTo(200);
            }
        }
        assertThat(sold()).isEqualTo(50);
    }

    @Test
    void theOrderPageTakesTheCardInStripesPaymentElementUnderAPolicyThatAllowsExactlyStripe() {
        String order = hold(2);
        Browser.Session session = new Browser(api.base()).signIn(buyer);
        Api.Response page = session.get("/orders/" + order);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text())
                .contains("id=\"payment-element\"", "data-stripe-key=\"pk_test_boxoffice\"", "data-amount=\"5000\"")
                .contains("data-currency=\"gbp\"", "https://js.stripe.com/v3/", "/assets/js/stripe-pay")
                .doesNotContain("test_ok");
        String policy = page.header("Content-Security-Policy");
        assertThat(policy)
                .contains("script-src 'self' https://js.stripe.com https://*.js.stripe.com;")
                .contains("frame-src https://js.stripe.com https://*.js.stripe.com https://hooks.stripe.com;")
                .contains("connect-src 'self' https://api.stripe.com;")
                .doesNotContain("unsafe-inline");

        // a challenge in the page: the form's answer carries the client secret for Stripe.js
        STRIPE.onCreateIntent(StripeStub.json(200, """
                {"id":"pi_page","object":"payment_intent","amount":5000,"currency":"gbp","status":"requires_action",
                 "client_secret":"pi_page_secret_xyz","metadata":{},
                 "next_action":{"type":"use_stripe_sdk","use_stripe_sdk":{}}}"""));
        Api.Response challenged =
                session.post("/orders/" + order + "/pay", Map.of("paymentMethod", "pm_card_threeDSecure2Required"));
        assertThat(challenged.status()).isEqualTo(200);
        assertThat(challenged.text()).contains("data-client-secret=\"pi_page_secret_xyz\"");
        assertThat(status(order)).isEqualTo("PENDING");
    }

    private Api.Response deliver(String id, String type, String object) {
        String payload = StripeStub.event(id, type, object);
        return api.post(
                "/api/v1/payments/stripe/webhook",
                null,
                payload,
                "Stripe-Signature",
                StripeStub.signature(payload, clock.instant(), StripeStub.WEBHOOK_SECRET));
    }

    /** The intent as a webhook carries it, with the metadata Boxoffice gave it. */
    private String intentObject(String id, String status, String order, int attempt) {
        return StripeStub.intentObject(
                id,
                status,
                Map.of(
                        "order_id",
                        order,
                        "organizer_id",
                        event.get("organizerId").asString(),
                        "attempt",
                        Integer.toString(attempt)));
    }

    private long recorded(String eventId) {
        return jdbc.sql("select count(*) from payment_provider_event where id = :id")
                .param("id", eventId)
                .query(Long.class)
                .single();
    }

    private long pendingJobs(String type) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_name = :type")
                .param("type", type)
                .query(Long.class)
                .single();
    }
}
