package io.boxoffice.notifications;

import io.boxoffice.accounts.Account;
import io.boxoffice.accounts.AccountManagement;
import io.boxoffice.catalog.Catalog;
import io.boxoffice.catalog.Event;
import io.boxoffice.catalog.EventCancelled;
import io.boxoffice.jobs.JobPriority;
import io.boxoffice.jobs.JobType;
import io.boxoffice.jobs.Jobs;
import io.boxoffice.orders.Order;
import io.boxoffice.orders.OrderManagement;
import io.boxoffice.orders.OrderStatus;
import io.boxoffice.orders.OrdersConfirmed;
import io.boxoffice.platform.web.LocalTimes;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What Boxoffice tells buyers, and when. A confirmed order enqueues its confirmation email (with
 * the ticket codes), and a cancelled event one fan-out job that enqueues a notice per refunded
 * order, each in the transaction of the write that caused it. The jobs run on medium priority
 * and retry with backoff while SMTP is down.
 */
@Component
class Notices {

    private static final Logger log = LoggerFactory.getLogger(Notices.class);

    private final Jobs jobs;
    private final Mailer mailer;
    private final OrderManagement orders;
    private final AccountManagement accounts;
    private final Catalog catalog;
    private final NotificationSettings settings;
    private final LocalTimes times;
    private final JobType confirmation;
    private final JobType cancellationFanOut;
    private final JobType cancellation;

    Notices(
            Jobs jobs,
            Mailer mailer,
            OrderManagement orders,
            AccountManagement accounts,
            Catalog catalog,
            NotificationSettings settings,
            LocalTimes times) {
        this.jobs = jobs;
        this.mailer = mailer;
        this.orders = orders;
        this.accounts = accounts;
        this.catalog = catalog;
        this.settings = settings;
        this.times = times;
        this.confirmation = new JobType(
                "order-confirmation-email", JobPriority.MEDIUM, settings.maxAttempts(), this::sendConfirmation);
        this.cancellationFanOut = new JobType(
                "event-cancelled-notices", JobPriority.MEDIUM, settings.maxAttempts(), this::fanOutCancellation);
        this.cancellation = new JobType(
                "event-cancelled-email", JobPriority.MEDIUM, settings.maxAttempts(), this::sendCancellation);
    }

    /** Sends an order's confirmation with its ticket codes. */
    JobType confirmationJob() {
        return confirmation;
    }

    /** Enqueues a cancelled event's notices. */
    JobType cancellationFanOutJob() {
        return cancellationFanOut;
    }

    /** Tells one buyer their event is cancelled and their order refunded. */
    JobType cancellationJob() {
        return cancellation;
    }

    @EventListener
    void on(OrdersConfirmed confirmed) {
        jobs.enqueueAll(
                confirmation, confirmed.orderIds().stream().map(UUID::toString).toList());
    }

    @EventListener
    void on(EventCancelled cancelled) {
        jobs.enqueue(cancellationFanOut, cancelled.event().id().toString());
    }

    private void sendConfirmation(JobType.Job job) {
        Order order = order(job);
        if (order.status() != OrderStatus.CONFIRMED) {
            log.atInfo().log("order {} is {} by now: no confirmation sent", order.id(), order.status());
            return;
        }
        Optional<Account> buyer = accounts.find(order.buyerId());
        if (buyer.isEmpty()) {
            return; // the buyer erased their account: nobody to write to
        }
        Event event = event(order.eventId());
        Map<String, Object> model = model(order, buyer.get(), event);
        Map<UUID, String> typeNames = new HashMap<>();
        event.ticketTypes().forEach(type -> typeNames.put(type.id(), type.name()));
        model.put(
                "tickets",
                order.tickets().stream()
                        .map(ticket -> Map.of(
                                "type", typeNames.getOrDefault(ticket.ticketTypeId(), "Ticket"),
                                "code", ticket.code()))
                        .toList());
        mailer.sendOnce(new Mailer.Email(
                "order-confirmation",
                order.id(),
                buyer.get().email(),
                "Your tickets for " + event.title(),
                "order-confirmation",
                model));
    }

    /** Enqueues one notice per refunded order of the event, a batch per statement. */
    private void fanOutCancellation(JobType.Job job) {
        Event event = catalog.find(UUID.fromString(job.instance()))
                .orElseThrow(() -> new IllegalStateException("no event " + job.instance()));
        UUID after = null;
        int enqueued = 0;
        List<UUID> batch;
        do {
            batch = orders.refundedOrders(event.organizerId(), event.id(), after, settings.fanOutBatch());
            enqueued += jobs.enqueueAll(
                    cancellation, batch.stream().map(UUID::toString).toList());
            after = batch.isEmpty() ? after : batch.getLast();
        } while (batch.size() == settings.fanOutBatch());
        log.atInfo().log("event {} cancelled: {} notices enqueued", event.id(), enqueued);
    }

    private void sendCancellation(JobType.Job job) {
        Order order = order(job);
        Optional<Account> buyer = accounts.find(order.buyerId());
        if (buyer.isEmpty()) {
            return;
        }
        Event event = event(order.eventId());
        mailer.sendOnce(new Mailer.Email(
                "event-cancelled",
                order.id(),
                buyer.get().email(),
                event.title() + " is cancelled",
                "event-cancelled",
                model(order, buyer.get(), event)));
    }

    private Order order(JobType.Job job) {
        UUID id = UUID.fromString(job.instance());
        return orders.find(id).orElseThrow(() -> new IllegalStateException("no order " + id));
    }

    private Event event(UUID id) {
        return catalog.find(id).orElseThrow(() -> new IllegalStateException("no event " + id));
    }

    private Map<String, Object> model(Order order, Account buyer, Event event) {
        Map<String, Object> model = new HashMap<>();
        model.put("name", buyer.displayName());
        model.put("orderId", order.id().toString());
        model.put("title", event.title());
        // the time where the event happens, as its page shows it
        model.put("startsAt", times.full(event.startsAt(), event.venue().timeZone()));
        model.put("venue", event.venue().name());
        model.put("city", event.venue().city());
        model.put("eventUrl", settings.siteUrl() + "/events/" + event.id());
        model.put("total", money(order.totalCents(), order.currency()));
        model.put("free", order.totalCents() == 0);
        return model;
    }

    private static String money(long cents, String currency) {
        return String.format(Locale.ENGLISH, "%s %d.%02d", currency, cents / 100, cents % 100);
    }
}
