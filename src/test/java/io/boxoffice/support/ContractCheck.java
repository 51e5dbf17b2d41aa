package io.boxoffice.support;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.OpenApi31;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks every API response the HTTP test suites receive against the OpenAPI document of the node
 * that sent it: its status must be one the document lists for the operation, an error must be
 * problem+json, and a JSON body must validate against the schema the document gives for that
 * status and media type (JSON Schema 2020-12 with the OpenAPI 3.1 dialect). A status or a field
 * the code answers but the document does not describe fails the test that saw it, so the document
 * cannot drift from the code. Requests to no documented operation (an unknown route, on purpose)
 * are not checked.
 */
public final class ContractCheck {

    /** Where the document is registered for its schemas' {@code $ref}s to resolve. */
    private static final String DOCUMENT_URI = "https://boxoffice.test/v3/api-docs";

    /**
     * One operation: its method, its path as a pattern, the statuses the document lists, and for
     * each status the schema of each JSON media type it answers with.
     */
    private record Documented(
            String method,
            Pattern path,
            String name,
            Set<Integer> statuses,
            Map<Integer, Map<String, Schema>> bodies) {}

    /** A response schema to resolve once the document's copy is complete. */
    private record Pending(Map<String, Schema> schemas, String media, String name) {}

    private static final Map<String, List<Documented>> DOCUMENTS = new ConcurrentHashMap<>();

    /**
     * The operations of each distinct document, compiled once: every node of a suite serves the same
     * document, and its compiled schemas are large (each holds the document's tree).
     */
    private static final Map<String, List<Documented>> COMPILED = new ConcurrentHashMap<>();

    private ContractCheck() {}

    /** Fails with an AssertionError if {@code response} to {@code request} breaks the document. */
    static void check(HttpClient http, String base, HttpRequest request, HttpResponse<byte[]> response) {
        byte[] body = decoded(response.headers().firstValue("Content-Encoding").orElse(null), response.body());
        String mismatch = mismatch(
                http,
                base,
                request.method(),
                request.uri().getRawPath(),
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                body);
        if (mismatch != null) {
            throw new AssertionError(mismatch);
        }
    }

    /**
     * Why an answer breaks the document of the node at {@code base}: a status it does not list for
     * the operation, an error that is not problem+json, or a JSON body its schema refuses; null when
     * the answer is as documented, or no documented operation has this method and path. A null
     * {@code body} (compressed in a way the check cannot read) is not checked.
     */
    public static @Nullable String mismatch(
            HttpClient http,
            String base,
            String method,
            String rawPath,
            int status,
            String contentType,
            byte @Nullable [] body) {
        if (!rawPath.startsWith("/api/")) {
            return null;
        }
        List<Documented> operations = DOCUMENTS.computeIfAbsent(base, ignored -> load(http, base));
        Documented operation = find(operations, method, rawPath);
        if (operation == null) {
            return null;
        }
        if (!operation.statuses().contains(status)) {
            return "the API answered " + status + " to " + method + " " + rawPath
                    + ", which the OpenAPI document does not list for " + operation.name() + " "
                    + operation.statuses();
        }
        if (status >= 400 && !method.equals("HEAD") && !contentType.startsWith("application/problem+json")) {
            return "the API answered " + status + " to " + method + " " + rawPath + " with " + contentType
                    + ", not problem+json";
        }
        String media = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (method.equals("HEAD") || body == null || body.length == 0 || !media.endsWith("json")) {
            return null;
        }
        Map<String, Schema> bodies = operation.bodies().getOrDefault(status, Map.of());
        Schema schema = bodies.get(media);
        if (schema == null) {
            return "the API answered " + status + " " + media + " to " + method + " " + rawPath
                    + ", but the OpenAPI document gives " + operation.name() + " " + status + " only "
                    + bodies.keySet();
        }
        JsonNode json;
        try {
            json = Api.JSON.readTree(body);
        } catch (RuntimeException e) {
            return "the API answered " + operation.name() + " with " + media + " that is not JSON: " + e.getMessage();
        }
        List<com.networknt.schema.Error> errors = schema.validate(json);
        if (!errors.isEmpty()) {
            return "the API's " + status + " answer to " + method + " " + rawPath
                    + " does not match the OpenAPI document's schema for " + operation.name() + ": "
                    + errors.stream().limit(5).map(Object::toString).toList() + " in "
                    + abbreviated(new String(body, StandardCharsets.UTF_8));
        }
        return null;
    }

    /** The body as sent before compression: gzip is undone; a Brotli body is not checked (null). */
    public static byte @Nullable [] decoded(@Nullable String contentEncoding, byte[] body) {
        String encoding =
                contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "identity" -> body;
            case "gzip" -> {
                try (var gzip = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    yield gzip.readAllBytes();
                } catch (IOException e) {
                    throw new AssertionError("the API's gzip body does not decompress", e);
                }
            }
            default -> null;
        };
    }

    private static String abbreviated(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "...";
    }

    private static @Nullable Documented find(List<Documented> operations, String method, String path) {
        for (Documented operation : operations) {
            if (operation.method().equals(method)
                    && operation.path().matcher(path).matches()) {
                return operation;
            }
        }
        return null;
    }

    /** The document, read with the client the test uses (which trusts the test's TLS certificate). */
    private static List<Documented> load(HttpClient http, String base) {
        JsonNode document;
        try {
            HttpResponse<byte[]> docs = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/v3/api-docs")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            document = Api.JSON.readTree(docs.body());
        } catch (Exception e) {
            throw new IllegalStateException("no OpenAPI document at " + base, e);
        }
        return COMPILED.computeIfAbsent(document.toString(), ignored -> compile(document));
    }

    private static List<Documented> compile(JsonNode document) {
        // each response schema gets a plain address in a copy of the document, where its $refs resolve
        // (a worker node serves no document: no operations, nothing to check)
        ObjectNode copy = document.isObject() ? (ObjectNode) document.deepCopy() : Api.JSON.createObjectNode();
        ObjectNode components =
                copy.path("components") instanceof ObjectNode found ? found : copy.putObject("components");
        ObjectNode bodySchemas = components.putObject("x-response-bodies");
        List<Documented> operations = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            Pattern pattern = Pattern.compile(path.getKey().replaceAll("\\{[^}]+}", "[^/]+"));
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                Set<Integer> statuses = new TreeSet<>();
                Map<Integer, Map<String, Schema>> bodies = new HashMap<>();
                for (Map.Entry<String, JsonNode> answer :
                        method.getValue().path("responses").properties()) {
                    int status = Integer.parseInt(answer.getKey());
                    statuses.add(status);
                    for (Map.Entry<String, JsonNode> content :
                            answer.getValue().path("content").properties()) {
                        if (content.getValue().has("schema")) {
                            String name = "b" + bodySchemas.size();
                            bodySchemas.set(name, content.getValue().get("schema"));
                            Map<String, Schema> byMedia = bodies.computeIfAbsent(status, ignored -> new HashMap<>());
                            pending.add(new Pending(byMedia, content.getKey(), name));
                        }
                    }
                }
                operations.add(new Documented(
                        method.getKey().toUpperCase(Locale.ROOT),
                        pattern,
                        method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                        statuses,
                        bodies));
            }
        }
        String text = copy.toString();
        SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(
                OpenApi31.getInstance(), registry -> registry.schemas(Map.of(DOCUMENT_URI, text)));
        for (Pending body : pending) {
            body.schemas()
                    .put(
                            body.media(),
                            schemas.getSchema(
                                    SchemaLocation.of(DOCUMENT_URI + "#/components/x-response-bodies/" + body.name())));
        }
        return operations;
    }
}
