package io.boxoffice.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.DateTimeSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.media.UUIDSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.util.ClassUtils;

/**
 * The OpenAPI document at {@code /v3/api-docs} as the API's contract: title and version, the
 * bearer scheme and which operations need it, every status each operation can answer with (from
 * {@link ApiContract}), the problem schema and its types, and the headers of the conventions
 * (ETag and If-None-Match, Consistency-Token, Idempotency-Key, RateLimit, Retry-After, Location).
 * The committed copy is {@code docs/openapi.json}; a test fails when the served one differs.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    private static final String PROBLEM = "application/problem+json";
    private static final String BEARER = "bearer";

    private static final String VENUE = "01a2460e-24eb-7e4c-88b3-b573874f12ab";
    private static final String EVENT = "01a2460e-2f54-7134-9237-729f95b6ebd1";
    private static final String TICKET_TYPE = "01a2460e-2f55-7a1e-9c0b-2f0b3c1d4e5f";

    /** Request bodies as the README's walkthrough sends them. */
    private static final Map<String, Object> REQUEST_EXAMPLES = Map.of(
            "POST /api/v1/accounts",
            example(
                    "email", "ada@example.com",
                    "password", "correct-horse-battery",
                    "displayName", "Ada",
                    "role", "ORGANIZER"),
            "POST /api/v1/auth/token",
            example("email", "ada@example.com", "password", "correct-horse-battery"),
            "POST /api/v1/venues",
            example(
                    "name", "Harbour Hall",
                    "address", "1 Quay Street",
                    "city", "Bristol",
                    "countryCode", "GB",
                    "latitude", 51.4508,
                    "longitude", -2.5967,
                    "capacity", 800),
            "POST /api/v1/events",
            example(
                    "title",
                    "Harbour Jazz Night",
                    "description",
                    "Late-night jazz by the water",
                    "venueId",
                    VENUE,
                    "category",
                    "MUSIC",
                    "startsAt",
                    "2027-05-01T19:00:00Z",
                    "endsAt",
                    "2027-05-01T23:00:00Z",
                    "ticketTypes",
                    List.of(example(
                            "name", "Standard",
                            "priceCents", 2500,
                            "currency", "GBP",
                            "quota", 700,
                            "maxPerOrder", 6))),
            "PATCH /api/v1/events/{id}",
            example("title", "Harbour Jazz Night (late show)"),
            "POST /api/v1/orders",
            example("eventId", EVENT, "items", List.of(example("ticketTypeId", TICKET_TYPE, "quantity", 2))),
            "POST /api/v1/orders/{id}/pay",
            example("paymentMethod", "test_ok"),
            "POST /api/v1/checkins",
            example("code", "AZokYi9UcTSSN3KflZhuvRxV2hQkY3pM"));

    /** An example object whose fields keep the order they are written in, in the document too. */
    private static Map<String, Object> example(Object... namesAndValues) {
        Map<String, Object> example = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            example.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return example;
    }

    /**
     * Operations whose answer springdoc cannot see into (a cache entry's bytes, an idempotent
     * replay's Object): the schema of what they answer.
     */
    /** Operations a client polls: their success says when to ask again, in Retry-After. */
    private static final Set<String> POLLED = Set.of("GET /api/v1/events/{id}/queue");

    private static final Map<String, String> OPAQUE_BODIES = Map.of(
            "POST /api/v1/orders/{id}/pay", "Order",
            "GET /api/v1/events", "Listing",
            "GET /api/v1/events/{id}", "Event",
            "GET /api/v1/venues/{id}", "Venue",
            "GET /api/v1/events/{id}/availability", "Availability");

    /** Operations that read their body as raw bytes (to check a signature over them): what the body is. */
    private static final Map<String, String> OPAQUE_REQUESTS = Map.of(
            "POST /api/v1/payments/stripe/webhook",
            "An event as Stripe sends it (https://docs.stripe.com/api/events/object), signed in Stripe-Signature");

    /** Operations that answer a second success status besides their contract's: the status and the schema of its body. */
    private static final Map<String, Map.Entry<Integer, String>> OTHER_SUCCESSES =
            Map.of("POST /api/v1/orders/{id}/pay", Map.entry(202, "PaymentAction"));

    @Bean
    OpenAPI boxofficeOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Boxoffice API")
                        .version("v1")
                        .description("Venues, events, ticket types, orders with holds and payments, tickets and"
                                + " check-in. Errors are RFC 9457 problem details (application/problem+json)."
                                + " Timestamps are UTC instants; money is integer minor units with an ISO currency.")
                        .license(new License().name("Proprietary").identifier("LicenseRef-Boxoffice")))
                .servers(List.of(new Server().url("/").description("the server this document was read from")))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("The accessToken of POST /api/v1/auth/token"))
                        .addHeaders("ETag", header("The representation's version; send it back as If-None-Match"))
                        .addHeaders("Location", header("The address of what was created"))
                        .addHeaders(
                                "Consistency-Token",
                                header("The primary's position after this write; send it back to read your writes"))
                        .addHeaders("RateLimit", header("IETF RateLimit: what is left of the caller's quota"))
                        .addHeaders("RateLimit-Policy", header("IETF RateLimit-Policy: the caller's quota and window"))
                        .addHeaders("Retry-After", header("Seconds to wait before sending again")));
    }

    /** Rewrites every operation from {@link ApiContract}; fails for an operation it does not describe. */
    @Bean
    OpenApiCustomizer contract() {
        return openApi -> {
            List<Tag> tags = new ArrayList<>();
            ApiContract.MODULES.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(module -> tags.add(new Tag().name(module.getKey()).description(module.getValue())));
            openApi.setTags(tags);
            openApi.getPaths()
                    .forEach((path, item) ->
                            item.readOperationsMap().forEach((method, operation) -> describe(path, method, operation)));
            // springdoc's own rendering of ProblemDetail is replaced by Problem (schemas are springdoc's
            // to write: ours are added here, after it has)
            if (openApi.getComponents().getSchemas() != null) {
                openApi.getComponents().getSchemas().remove("ProblemDetail");
            }
            nameArraysOfEnums(openApi.getComponents());
            markNullables(openApi.getComponents());
            openApi.getComponents()
                    .addSchemas("Problem", problemSchema())
                    .addSchemas("Listing", listingSchema())
                    .addSchemas("ListedEvent", listedEventSchema())
                    .addSchemas("Availability", availabilitySchema())
                    .addSchemas("PaymentAction", paymentActionSchema());
        };
    }

    /**
     * Gives an array property of inline enum values (an account's roles) a named schema of its own,
     * {@code roles} becoming {@code Role}: OpenAPI Generator's Java client cannot build a set of
     * inline enums, and clients share one type for it.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void nameArraysOfEnums(Components components) {
        if (components.getSchemas() == null) {
            return;
        }
        Map<String, Schema> named = new TreeMap<>();
        for (Schema<?> schema : components.getSchemas().values()) {
            if (schema.getProperties() == null) {
                continue;
            }
            schema.getProperties().forEach((property, value) -> {
                Schema<?> items = value.getItems();
                if (items != null && items.getEnum() != null && !items.getEnum().isEmpty()) {
                    String name = Character.toUpperCase(property.charAt(0))
                            + property.substring(1, property.endsWith("s") ? property.length() - 1 : property.length());
                    named.putIfAbsent(name, new StringSchema()._enum((List) items.getEnum()));
                    value.setItems(new Schema<>().$ref("#/components/schemas/" + name));
                }
            });
        }
        named.forEach(components::addSchemas);
    }

    /**
     * Lets every {@code @Nullable} record component of the API's records be {@code null} in the
     * document, as Jackson writes it ({@code publishedAt: null} on a draft). springdoc does not read
     * JSpecify's type-use annotations; the records are found on the class path by the simple names
     * springdoc gives their schemas.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void markNullables(Components components) {
        if (components.getSchemas() == null) {
            return;
        }
        ClassPathScanningCandidateComponentProvider records = new ClassPathScanningCandidateComponentProvider(false);
        records.addIncludeFilter((reader, factory) ->
                Record.class.getName().equals(reader.getClassMetadata().getSuperClassName()));
        for (BeanDefinition candidate : records.findCandidateComponents("io.boxoffice")) {
            Class<?> type = ClassUtils.resolveClassName(
                    Objects.requireNonNull(candidate.getBeanClassName()), ApiDocumentation.class.getClassLoader());
            Schema<?> schema = components.getSchemas().get(type.getSimpleName());
            if (schema == null || schema.getProperties() == null) {
                continue;
            }
            for (RecordComponent component : type.getRecordComponents()) {
                Map<String, Schema> properties = (Map) schema.getProperties();
                Schema<?> property = properties.get(component.getName());
                if (property == null || !component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                    continue;
                }
                if (property.get$ref() != null) {
                    properties.put(
                            component.getName(),
                            new Schema<>().anyOf(List.of(new Schema<>().$ref(property.get$ref()), nullSchema())));
                } else if (property.getTypes() != null) {
                    Set<String> types = new LinkedHashSet<>(property.getTypes());
                    types.add("null");
                    property.setTypes(types);
                }
            }
        }
    }

    private static Schema<?> nullSchema() {
        Schema<?> none = new Schema<>();
        none.addType("null");
        return none;
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        ApiContract.Entry entry = ApiContract.of(method.name(), path);
        operation.setOperationId(entry.id());
        operation.setSummary(entry.summary());
        operation.setTags(List.of(entry.module()));
        operation.setSecurity(
                entry.access() == ApiContract.Access.PUBLIC
                        ? List.of(new SecurityRequirement(), new SecurityRequirement().addList(BEARER))
                        : List.of(new SecurityRequirement().addList(BEARER)));
        boolean read = method == PathItem.HttpMethod.GET;
        boolean body = operation.getRequestBody() != null;
        Object example = REQUEST_EXAMPLES.get(method.name() + " " + path);
        if (body && example != null && operation.getRequestBody().getContent() != null) {
            operation.getRequestBody().getContent().values().forEach(media -> media.setExample(example));
        }
        String opaqueRequest = OPAQUE_REQUESTS.get(method.name() + " " + path);
        if (body && opaqueRequest != null && operation.getRequestBody().getContent() != null) {
            operation
                    .getRequestBody()
                    .getContent()
                    .values()
                    .forEach(media -> media.setSchema(new ObjectSchema().description(opaqueRequest)));
        }
        addHeaderParameter(
                operation, "Consistency-Token", "A Consistency-Token from an earlier write: this request sees it");
        if (read) {
            addHeaderParameter(operation, "If-None-Match", "The ETag of a copy the client has: 304 if it is current");
        }

        ApiResponses responses = new ApiResponses();
        ApiResponse springdocs = operation.getResponses() == null
                ? null
                : operation.getResponses().entrySet().stream()
                        .filter(response -> response.getKey().startsWith("2"))
                        .map(Map.Entry::getValue)
                        .findFirst()
                        .orElse(null);
        ApiResponse success = new ApiResponse().description(reason(entry.success()));
        String opaque = OPAQUE_BODIES.get(method.name() + " " + path);
        if (opaque != null) {
            success.setContent(json(new Schema<>().$ref("#/components/schemas/" + opaque)));
        } else if (entry.success() != 204 && springdocs != null) {
            success.setContent(jsonOnly(springdocs.getContent()));
        }
        success.addHeaderObject("RateLimit", headerRef("RateLimit"));
        success.addHeaderObject("RateLimit-Policy", headerRef("RateLimit-Policy"));
        if (read) {
            success.addHeaderObject("ETag", headerRef("ETag"));
        } else {
            success.addHeaderObject("Consistency-Token", headerRef("Consistency-Token"));
        }
        if (entry.success() == 201) {
            success.addHeaderObject("Location", headerRef("Location"));
        }
        if (POLLED.contains(method.name() + " " + path)) {
            success.addHeaderObject("Retry-After", headerRef("Retry-After"));
        }
        responses.addApiResponse(Integer.toString(entry.success()), success);
        Map.Entry<Integer, String> other = OTHER_SUCCESSES.get(method.name() + " " + path);
        if (other != null) {
            responses.addApiResponse(
                    Integer.toString(other.getKey()),
                    new ApiResponse()
                            .description(reason(other.getKey()) + ": the outcome is not known yet")
                            .content(json(new Schema<>().$ref("#/components/schemas/" + other.getValue())))
                            .addHeaderObject("Consistency-Token", headerRef("Consistency-Token")));
        }
        if (read) {
            responses.addApiResponse(
                    "304",
                    new ApiResponse()
                            .description("Not Modified: the If-None-Match copy is current")
                            .addHeaderObject("ETag", headerRef("ETag")));
        }
        TreeSet<Integer> problems = new TreeSet<>(entry.problems());
        // any request may carry a body too large to read, whether the operation takes one or not
        problems.addAll(List.of(400, 401, 403, 406, 413, 429, 503));
        if (path.contains("{")) {
            problems.add(404);
        }
        if (body) {
            problems.add(415);
        }
        for (int status : problems) {
            ApiResponse problem = new ApiResponse()
                    .description(reason(status) + problemDetail(status, entry.access()))
                    .content(new Content()
                            .addMediaType(
                                    PROBLEM,
                                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
            if (status == 429 || status == 503) {
                problem.addHeaderObject("Retry-After", headerRef("Retry-After"));
            }
            responses.addApiResponse(Integer.toString(status), problem);
        }
        operation.setResponses(responses);
    }

    private static String problemDetail(int status, ApiContract.Access access) {
        String when = switch (status) {
            case 401 ->
                access == ApiContract.Access.PUBLIC
                        ? ": the bearer token sent is invalid or expired"
                        : ": no bearer token, or an invalid or expired one";
            case 403 ->
                switch (access) {
                    case ORGANIZER -> ": the caller is not an organizer, or its address is denied";
                    case ADMIN -> ": the caller is not an administrator, or its address is denied";
                    case SIGNED_IN -> ": not the caller's to change, or its address is denied";
                    case PUBLIC -> ": the caller's address is denied";
                };
            case 429 -> ": a rate limit; see Retry-After";
            case 503 -> ": the node sheds load or the database is busy; see Retry-After";
            default -> "";
        };
        List<String> types = ApiContract.PROBLEM_TYPES.getOrDefault(status, List.of());
        return when
                + (types.isEmpty()
                        ? ""
                        : ". Problem types: "
                                + String.join(
                                        ", ",
                                        types.stream()
                                                .map(type -> "`" + type + "`")
                                                .toList()));
    }

    private static void addHeaderParameter(Operation operation, String name, String description) {
        boolean present = operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(parameter -> name.equalsIgnoreCase(parameter.getName()));
        if (!present) {
            Parameter parameter = new HeaderParameter()
                    .name(name)
                    .required(false)
                    .description(description)
                    .schema(new StringSchema());
            operation.addParametersItem(parameter);
        }
    }

    private static Content jsonOnly(Content springdocs) {
        if (springdocs == null || springdocs.isEmpty()) {
            return null;
        }
        MediaType any = springdocs.values().iterator().next();
        return json(any.getSchema());
    }

    private static Content json(Schema<?> schema) {
        return new Content().addMediaType("application/json", new MediaType().schema(schema));
    }

    private static Header header(String description) {
        return new Header().description(description).schema(new StringSchema());
    }

    private static Header headerRef(String name) {
        return new Header().$ref("#/components/headers/" + name);
    }

    private static String reason(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known != null ? known.getReasonPhrase() : Integer.toString(status);
    }

    private static Schema<?> problemSchema() {
        Map<String, Schema> properties = new TreeMap<>();
        properties.put(
                "type",
                new StringSchema()
                        .format("uri")
                        .description("https://boxoffice.io/problems/ and a slug: the kind of problem, stable"));
        properties.put("title", new StringSchema().description("The status's reason phrase"));
        properties.put("status", new IntegerSchema().description("The HTTP status"));
        properties.put("detail", new StringSchema().description("What went wrong, for a person"));
        properties.put("instance", new StringSchema().description("The request's path"));
        properties.put("traceId", new StringSchema().description("The request's trace, for its logs"));
        properties.put("retryAfterSeconds", new IntegerSchema().description("With 429 and shed 503s: as Retry-After"));
        properties.put(
                "errors",
                new ArraySchema()
                        .items(new ObjectSchema()
                                .addProperty("field", new StringSchema())
                                .addProperty("message", new StringSchema()))
                        .description("With type validation: every invalid field"));
        Schema<?> problem = new ObjectSchema().description("An RFC 9457 problem");
        problem.setExample(example(
                "type", Problems.TYPE_BASE + "sold-out",
                "title", "Conflict",
                "status", 409,
                "detail", "Not enough tickets are left to cover this order.",
                "instance", "/api/v1/orders",
                "traceId", "4bf92f3577b34da6a3ce929d0e0e4736"));
        problem.setProperties(properties);
        problem.setRequired(List.of("type", "title", "status"));
        return problem;
    }

    private static Schema<?> paymentActionSchema() {
        Schema<?> action = new ObjectSchema()
                .description("A payment waiting for the buyer's challenge (3-D Secure) or for the provider's outcome;"
                        + " the order stays held until it arrives")
                .addProperty(
                        "status",
                        new StringSchema()
                                ._enum(List.of("PAYMENT_ACTION_REQUIRED", "PAYMENT_PENDING"))
                                .description(
                                        "PAYMENT_ACTION_REQUIRED: the buyer must act; PAYMENT_PENDING: ask again later"))
                .addProperty("orderId", new UUIDSchema())
                .addProperty(
                        "clientSecret",
                        new StringSchema()
                                .description("With PAYMENT_ACTION_REQUIRED: for Stripe.js's handleNextAction"))
                .addProperty(
                        "nextActionUrl",
                        new StringSchema()
                                .format("uri")
                                .description(
                                        "With PAYMENT_ACTION_REQUIRED, for a challenge by redirect: where to send the buyer"));
        action.setRequired(List.of("status", "orderId"));
        return action;
    }

    private static Schema<?> availabilitySchema() {
        Schema<?> type = new ObjectSchema()
                .addProperty("id", new StringSchema().format("uuid"))
                .addProperty("name", new StringSchema())
                .addProperty("priceCents", new IntegerSchema().format("int64"))
                .addProperty("currency", new StringSchema())
                .addProperty("available", new IntegerSchema().description("Tickets left: neither held nor sold"));
        type.setRequired(List.of("id", "name", "priceCents", "currency", "available"));
        return new ObjectSchema()
                .description("What is left of each ticket type of an event")
                .addProperty("ticketTypes", new ArraySchema().items(type));
    }

    private static Schema<?> listingSchema() {
        return new ObjectSchema()
                .description("A page of published events, soonest first (or by relevance with q)")
                .addProperty("items", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/ListedEvent")))
                .addProperty("nextCursor", new StringSchema().description("Absent on the last page"));
    }

    private static Schema<?> listedEventSchema() {
        return new ObjectSchema()
                .description("An event as listed; ?fields= keeps only the fields named")
                .addProperty("id", new UUIDSchema())
                .addProperty("title", new StringSchema())
                .addProperty("category", new StringSchema())
                .addProperty("status", new StringSchema())
                .addProperty("startsAt", new DateTimeSchema().description("A UTC instant"))
                .addProperty("endsAt", new DateTimeSchema().description("A UTC instant"))
                .addProperty(
                        "venue",
                        new ObjectSchema()
                                .description("Where the event happens")
                                .addProperty("id", new UUIDSchema())
                                .addProperty("name", new StringSchema())
                                .addProperty("city", new StringSchema())
                                .addProperty("countryCode", new StringSchema())
                                .addProperty("latitude", new NumberSchema().format("double"))
                                .addProperty("longitude", new NumberSchema().format("double"))
                                .addProperty(
                                        "timeZone",
                                        new StringSchema()
                                                .description("The IANA time zone the event happens in")
                                                .example("Europe/Vienna")))
                .addProperty(
                        "priceFromCents",
                        new IntegerSchema()
                                .format("int64")
                                .description("The cheapest ticket type's price in minor units"))
                .addProperty("currency", new StringSchema());
    }
}
