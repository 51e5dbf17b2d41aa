package io.boxoffice.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.boxoffice.support.Api;
import io.boxoffice.support.Fixtures;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Emails through a real SMTP server: confirmations with ticket codes, cancellation notices, SMTP outages, and never twice. */
class EmailTests extends JobsTest {

    private Api.Account organizer;
    private String venueId;

    @BeforeEach
    void setUp() {
        organizer = api.signUp("ORGANIZER");
        venueId = api.venueId(organizer.token(), "Mailton");
    }

    private JsonNode event(long priceCents) {
        return api.publishedEvent(
                organizer.token(), venueId, List.of(Fixtures.ticketType("Standing", priceCents, 100)));
    }

    /** Places and, unless free, pays an order of {@code quantity} tickets; returns the confirmed order. */
    private JsonNode buy(Api.Account buyer, JsonNode event, int quantity) {
        Api.Response placed = api.post(
                "/api/v1/orders",
                buyer.token(),
                Fixtures.order(
                        event.get("id").asString(),
                        event.get("ticketTypes").get(0).get("id").asString(),
                        quantity));
        assertThat(placed.status()).as(placed.text()).isEqualTo(201);
        if (placed.json().get("status").asString().equals("CONFIRMED")) {
            return placed.json();
        }
        Api.Response paid = api.post(
                "/api/v1/orders/" + placed.json().get("id").asString() + "/pay",
                buyer.token(),
                Map.of("paymentMethod", "test_ok"));
        assertThat(paid.status()).as(paid.text()).isEqualTo(200);
        return paid.json();
    }

    private static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(message -> {
                    try {
                        return Arrays.stream(message.getAllRecipients())
                                .anyMatch(recipient -> recipient.toString().equals(address));
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    @Test
    void aPaidOrderGetsOneConfirmationWithItsTicketCodesEvenIfItsJobRunsAgain() throws Exception {
        Api.Account buyer = api.signUp("ATTENDEE");
        JsonNode order = buy(buyer, event(2500), 2);

        await().atMost(30, TimeUnit.SECONDS).until(() -> mailTo(buyer.email()).size() == 1);
        MimeMessage mail = mailTo(buyer.email()).getFirst();
        assertThat(mail.getSubject()).isEqualTo("Your tickets for On sale");
        assertThat(mail.getHeader("Message-ID")[0])
                .isEqualTo("<order-confirmation." + order.get("id").asString() + "@boxoffice>");
        String body = GreenMailUtil.getBody(mail);
        assertThat(order.get("tickets")).hasSize(2);
        for (JsonNode ticket : order.get("tickets")) {
            assertThat(body).contains(ticket.get("code").asString());
        }
        assertThat(body).contains("GBP 50.00");

        // the same job again (a replay, a worker that died after sending): nothing more is sent.
        // The first run's row leaves the queue just after its email is sent: wait for that first
        await().atMost(30, TimeUnit.SECONDS)
                .until(() -> pendingInstance(order.get("id").asString()) == 0);
        assertThat(jobs.enqueue(
                        type("order-confirmation-email"), order.get("id").asString()))
                .isTrue();
        await().atMost(30, TimeUnit.SECONDS)
                .until(() -> pendingInstance(order.get("id").asString()) == 0);
        assertThat(mailTo(buyer.email())).hasSize(1);
    }

    @Test
    void aViennaEventAtSevenPmShowsNineteenCetOnItsPageAndInTheConfirmationWhileTheApiSaysEighteenZulu() {
        Map<String, Object> venue = Fixtures.venue("Vienna");
        venue.put("countryCode", "AT");
        venue.put("latitude", 48.2082);
        venue.put("longitude", 16.3738);
        Api.Response hall = api.post("/api/v1/venues", organizer.token(), venue);
        assertThat(hall.json().get("timeZone").asString()).isEqualTo("Europe/Vienna");
        // 15 January: winter, so Vienna is on CET (UTC+1)
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusYears(1).withDayOfYear(15);
        Instant sevenPm = day.atTime(19, 0).atZone(ZoneId.of("Europe/Vienna")).toInstant();
        Map<String, Object> draft = Fixtures.event(hall.json().get("id").asString(), "Wiener Abend", sevenPm);
        draft.put("ticketTypes", List.of(Fixtures.ticketType("Parkett", 4000, 50)));
        String id = api.post("/api/v1/events", organizer.token(), draft)
                .json()
                .get("id")
                .asString();
        JsonNode event = api.post("/api/v1/events/" + id + "/publish", organizer.token(), null)
                .json();

        JsonNode read = api.get("/api/v1/events/" + id).json();
        assertThat(read.get("startsAt").asString()).isEqualTo(day + "T18:00:00Z");
        assertThat(read.get("venue").get("timeZone").asString()).isEqualTo("Europe/Vienna");
        String when = day.format(DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH)) + ", 19:00 CET";
        assertThat(api.get("/events/" + id).text()).contains(when);

        Api.Account buyer = api.signUp("ATTENDEE");
        buy(buyer, event, 1);
        await().atMost(30, TimeUnit.SECONDS).until(() -> mailTo(buyer.email()).size() == 1);
        String body = GreenMailUtil.getBody(mailTo(buyer.email()).getFirst());
        assertThat(body).contains("When:  " + when).doesNotContain("UTC");
    }

    @Test
    void aFreeOrderIsConfirmedAndMailedOnPlacing() {
        Api.Account buyer = api.signUp("ATTENDEE");
        JsonNode order = buy(buyer, event(0), 1);
        assertThat(order.get("status").asString()).isEqualTo("CONFIRMED");

        await().atMost(30, TimeUnit.SECONDS).until(() -> mailTo(buyer.email()).size() == 1);
        assertThat(GreenMailUtil.getBody(mailTo(buyer.email()).getFirst()))
                .contains(order.get("tickets").get(0).get("code").asString());
    }

    @Test
    void anOrderConfirmedWhileSmtpIsDownIsMailedOnceAfterItReturns() throws Exception {
        Api.Account buyer = api.signUp("ATTENDEE");
        JsonNode event = event(1000);
        smtp.stop();
        String orderId;
        try {
            JsonNode order = buy(buyer, event, 1);
            orderId = order.get("id").asString();
            // it fails, backs off, fails again: the order itself is confirmed and stays so
            for (int failures = 1; failures <= 3; failures++) {
                int expected = failures;
                await().atMost(30, TimeUnit.SECONDS).until(() -> failures(orderId) >= expected);
                clock.advance(Duration.ofSeconds(80));
            }
            assertThat(api.get("/api/v1/orders/" + orderId, buyer.token())
                            .json()
                            .get("status")
                            .asString())
                    .isEqualTo("CONFIRMED");
        } finally {
            smtp = startSmtp();
        }
        // an attempt that began while SMTP was down may still be failing: once it has rescheduled
        // itself (at most the 80 s cap ahead), moving the clock by the cap makes the retry due
        await().atMost(30, TimeUnit.SECONDS).until(() -> !picked(orderId));
        clock.advance(Duration.ofSeconds(80));
        await().atMost(30, TimeUnit.SECONDS).until(() -> mailTo(buyer.email()).size() == 1);
        // this order's job leaves the queue (other tests' jobs may still be backing off)
        await().atMost(30, TimeUnit.SECONDS).until(() -> pendingInstance(orderId) == 0);
        clock.advance(Duration.ofSeconds(80));
        assertThat(mailTo(buyer.email())).hasSize(1);
        assertThat(jdbc.sql("select count(*) from dead_job where task_name = 'order-confirmation-email'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void everyRefundedBuyerOfACancelledEventIsToldOnce() throws Exception {
        JsonNode event = event(1500);
        Api.Account first = api.signUp("ATTENDEE");
        Api.Account second = api.signUp("ATTENDEE");
        buy(first, event, 1);
        buy(second, event, 2);
        buy(first, event, 1);
        Api.Response cancelled =
                api.post("/api/v1/events/" + event.get("id").asString() + "/cancel", organizer.token(), null);
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);

        await().atMost(30, TimeUnit.SECONDS)
                .until(() -> cancellations(first.email()) == 2 && cancellations(second.email()) == 1);
        await().atMost(30, TimeUnit.SECONDS)
                .until(() -> pending("event-cancelled-notices") == 0 && pending("event-cancelled-email") == 0);
        assertThat(cancellations(first.email())).isEqualTo(2);
        assertThat(cancellations(second.email())).isEqualTo(1);
        MimeMessage notice = mailTo(second.email()).stream()
                .filter(mail -> subject(mail).endsWith("is cancelled"))
                .findFirst()
                .orElseThrow();
        assertThat(GreenMailUtil.getBody(notice)).contains("refunded in full (GBP 30.00)");
    }

    private long cancellations(String address) {
        return mailTo(address).stream()
                .filter(mail -> subject(mail).equals("On sale is cancelled"))
                .count();
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a worker is running this order's confirmation right now. */
    private boolean picked(String orderId) {
        return jdbc.sql("""
                        select coalesce(bool_or(picked), false) from scheduled_tasks
                         where task_name = 'order-confirmation-email' and task_instance = :id
                        """).param("id", orderId).query(Boolean.class).single();
    }

    private int failures(String orderId) {
        return jdbc.sql("""
                        select coalesce(max(consecutive_failures), 0) from scheduled_tasks
                         where task_name = 'order-confirmation-email' and task_instance = :id
                        """).param("id", orderId).query(Integer.class).single();
    }
}
