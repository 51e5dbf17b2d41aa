package io.boxoffice.platform.web;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What each operation of the API really does, beyond what Spring MVC's mappings say: its id and
 * summary, its module, who may call it, its success status and the problems it can answer with.
 * {@link ApiDocumentation} writes it into {@code /v3/api-docs}, and refuses to serve a document
 * with an operation this table does not describe, so a new endpoint cannot ship undocumented;
 * the fuzz suite checks every status it receives against the document, so the table cannot drift
 * from what the code answers.
 */
final class ApiContract {

    /** Who may call an operation. */
    enum Access {
        /** anyone; a token, if sent, must be valid (401 otherwise) */
        PUBLIC,
        /** any signed-in account; what it may touch is checked by ownership (403, or 404 to strangers) */
        SIGNED_IN,
        /** organizers only (403 to other roles) */
        ORGANIZER,
        /** administrators only */
        ADMIN
    }

    /** One operation: {@code problems} are the statuses beyond those every operation can answer. */
    record Entry(String id, String module, String summary, Access access, int success, Set<Integer> problems) {}

    private static final Map<String, Entry> ENTRIES = Map.ofEntries(
            entry(
                    "POST /api/v1/accounts",
                    "signUp",
                    "accounts",
                    "Sign up as an attendee or organizer",
                    Access.PUBLIC,
                    201,
                    409),
            entry(
                    "POST /api/v1/auth/token",
                    "signIn",
                    "accounts",
                    "Sign in and get a bearer token",
                    Access.PUBLIC,
                    200),
            entry("GET /api/v1/me", "getMe", "accounts", "The signed-in account", Access.SIGNED_IN, 200),
            entry(
                    "DELETE /api/v1/me",
                    "eraseMe",
                    "accounts",
                    "Erase the signed-in account's personal data",
                    Access.SIGNED_IN,
                    204),
            entry(
                    "GET /api/v1/me/export",
                    "exportMe",
                    "accounts",
                    "Every piece of personal data held about the caller",
                    Access.SIGNED_IN,
                    200),
            entry(
                    "PUT /api/v1/admin/accounts/{id}/roles",
                    "setRoles",
                    "accounts",
                    "Give an account its roles",
                    Access.ADMIN,
                    200,
                    404),
            entry("POST /api/v1/venues", "createVenue", "catalog", "Create a venue", Access.ORGANIZER, 201),
            entry(
                    "GET /api/v1/venues",
                    "listVenues",
                    "catalog",
                    "List venues, optionally in one city",
                    Access.PUBLIC,
                    200),
            entry("GET /api/v1/venues/{id}", "getVenue", "catalog", "Read a venue", Access.PUBLIC, 200, 404),
            entry(
                    "PATCH /api/v1/venues/{id}",
                    "updateVenue",
                    "catalog",
                    "Change a venue (its organizer or an admin)",
                    Access.SIGNED_IN,
                    200,
                    404),
            entry(
                    "POST /api/v1/events",
                    "createEvent",
                    "catalog",
                    "Create a draft event with its ticket types",
                    Access.ORGANIZER,
                    201,
                    404),
            entry(
                    "GET /api/v1/events/{id}",
                    "getEvent",
                    "catalog",
                    "Read an event with its venue and ticket types",
                    Access.PUBLIC,
                    200,
                    404),
            entry(
                    "PATCH /api/v1/events/{id}",
                    "updateEvent",
                    "catalog",
                    "Change an event or its ticket types",
                    Access.SIGNED_IN,
                    200,
                    404,
                    409),
            entry(
                    "POST /api/v1/events/{id}/publish",
                    "publishEvent",
                    "catalog",
                    "Publish a draft event",
                    Access.SIGNED_IN,
                    200,
                    404,
                    409),
            entry(
                    "POST /api/v1/events/{id}/cancel",
                    "cancelEvent",
                    "catalog",
                    "Cancel an event, releasing holds and refunding sales",
                    Access.SIGNED_IN,
                    200,
                    404,
                    409),
            entry(
                    "GET /api/v1/me/events",
                    "listMyEvents",
                    "catalog",
                    "The signed-in organizer's events",
                    Access.SIGNED_IN,
                    200),
            entry(
                    "GET /api/v1/events",
                    "listEvents",
                    "search",
                    "Search published events: text, city, category, dates, distance",
                    Access.PUBLIC,
                    200),
            entry(
                    "POST /api/v1/orders",
                    "placeOrder",
                    "orders",
                    "Hold tickets: a PENDING order (free orders are CONFIRMED at once)",
                    Access.SIGNED_IN,
                    201,
                    403,
                    404,
                    409,
                    422),
            entry(
                    "GET /api/v1/events/{id}/queue",
                    "pollQueue",
                    "waiting-room",
                    "Join an event's waiting room, or read your place in it with your Queue-Token",
                    Access.SIGNED_IN,
                    200,
                    403,
                    404,
                    429),
            entry(
                    "GET /api/v1/orders/{id}",
                    "getOrder",
                    "orders",
                    "Read an order with its tickets",
                    Access.SIGNED_IN,
                    200,
                    404),
            entry(
                    "POST /api/v1/orders/{id}/pay",
                    "payOrder",
                    "orders",
                    "Pay a held order",
                    Access.SIGNED_IN,
                    200,
                    402,
                    404,
                    409,
                    410,
                    422),
            entry(
                    "GET /api/v1/orders/{id}/payments",
                    "getOrderPayments",
                    "orders",
                    "An order's payment history: attempts, refunds and disputes with the provider's ids",
                    Access.SIGNED_IN,
                    200,
                    404),
            entry(
                    "POST /api/v1/payments/stripe/webhook",
                    "receiveStripeWebhook",
                    "payments",
                    "Stripe's webhook: a signed event about a payment, recorded once",
                    Access.PUBLIC,
                    200,
                    404),
            entry(
                    "POST /api/v1/orders/{id}/cancel",
                    "cancelOrder",
                    "orders",
                    "Cancel an order: release a hold or refund a sale",
                    Access.SIGNED_IN,
                    200,
                    404,
                    409),
            entry(
                    "GET /api/v1/me/orders",
                    "listMyOrders",
                    "orders",
                    "The signed-in account's orders, newest first",
                    Access.SIGNED_IN,
                    200),
            entry(
                    "GET /api/v1/events/{id}/availability",
                    "getAvailability",
                    "orders",
                    "Tickets left of each type of an event",
                    Access.PUBLIC,
                    200,
                    404),
            entry(
                    "GET /api/v1/events/{id}/stats",
                    "getEventStats",
                    "orders",
                    "An event's sales: sold, held, checked in, revenue, by day",
                    Access.SIGNED_IN,
                    200,
                    404),
            entry(
                    "POST /api/v1/checkins",
                    "checkIn",
                    "orders",
                    "Admit a ticket at the door",
                    Access.SIGNED_IN,
                    200,
                    404,
                    409),
            entry(
                    "GET /api/v1/admin/jobs",
                    "getJobQueue",
                    "jobs",
                    "The job queue by priority: depth and oldest age",
                    Access.ADMIN,
                    200),
            entry(
                    "GET /api/v1/admin/jobs/dead",
                    "listDeadJobs",
                    "jobs",
                    "Jobs that failed every attempt",
                    Access.ADMIN,
                    200),
            entry(
                    "POST /api/v1/admin/jobs/dead/{id}/retry",
                    "retryDeadJob",
                    "jobs",
                    "Run a dead job again",
                    Access.ADMIN,
                    202,
                    404,
                    409),
            entry(
                    "DELETE /api/v1/admin/jobs/dead/{id}",
                    "deleteDeadJob",
                    "jobs",
                    "Forget a dead job",
                    Access.ADMIN,
                    204,
                    404));

    /** The modules, as the document's tags, with what each covers. */
    static final Map<String, String> MODULES = Map.of(
            "accounts", "Sign-up, sign-in, the caller's account, its export and erasure, roles",
            "catalog",
                    "Venues, events and ticket types: organizer writes and the draft, published, cancelled lifecycle",
            "search", "The public listing: full text, city, category, dates and distance",
            "orders", "Holds, payment, cancellation, tickets, availability, check-in and sales figures",
            "payments", "The payment provider's webhook",
            "waiting-room", "The fair queue in front of an on-sale: places, the draw, admission tokens",
            "jobs", "The job queue and its dead letters, for administrators");

    /** The problem types each status is given, for the document's description of the problem schema. */
    static final Map<Integer, List<String>> PROBLEM_TYPES = Map.ofEntries(
            Map.entry(
                    400,
                    List.of(
                            "validation",
                            "malformed-json",
                            "malformed-parameters",
                            "bad-request",
                            "invalid-consistency-token",
                            "invalid-signature")),
            Map.entry(401, List.of("unauthenticated", "bad-credentials")),
            Map.entry(402, List.of("payment-declined")),
            Map.entry(403, List.of("forbidden", "address-denied", "admission-required", "queue-token-refused")),
            Map.entry(404, List.of("not-found", "unknown-ticket", "worker-node")),
            Map.entry(406, List.of("not-acceptable")),
            Map.entry(
                    409,
                    List.of(
                            "sold-out",
                            "sales-closed",
                            "sales-not-open",
                            "order-state",
                            "email-taken",
                            "event-cancelled",
                            "not-publishable",
                            "quota-below-sold",
                            "already-checked-in",
                            "ticket-void",
                            "idempotency-in-progress",
                            "payment-in-progress",
                            "unknown-job-type")),
            Map.entry(410, List.of("hold-expired")),
            Map.entry(413, List.of("payload-too-large")),
            Map.entry(415, List.of("unsupported-media-type")),
            Map.entry(422, List.of("max-per-order", "idempotency-key-reused", "test-payments-disabled")),
            Map.entry(429, List.of("rate-limited", "places-per-address")),
            Map.entry(503, List.of("overloaded", "try-again", "database-unavailable")));

    private ApiContract() {}

    private static Map.Entry<String, Entry> entry(
            String operation, String id, String module, String summary, Access access, int success, int... problems) {
        Set<Integer> statuses = new TreeSet<>();
        for (int problem : problems) {
            statuses.add(problem);
        }
        return Map.entry(operation, new Entry(id, module, summary, access, success, Set.copyOf(statuses)));
    }

    /** The entry of {@code method path} (the path as a template, such as {@code /api/v1/events/{id}}). */
    static Entry of(String method, String path) {
        Entry entry = ENTRIES.get(method + " " + path);
        if (entry == null) {
            throw new IllegalStateException(method + " " + path + " is not described in ApiContract: add it");
        }
        return entry;
    }
}
