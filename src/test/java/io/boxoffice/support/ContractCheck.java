package io.boxoffice.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Checks every API response the HTTP test suites receive against the OpenAPI document of the node
 * that sent it: its status must be one the document lists for the operation, and an error must be
 * problem+json. A status the code answers but the document does not list fails the test that saw
 * it, so the document cannot drift from the code. Requests to no documented operation (an unknown
 * route, on purpose) are not checked.
 */
final class ContractCheck {

    /** One operation: its method, its path as a pattern, and the statuses the document lists. */
    private record Documented(String method, Pattern path, String name, Set<Integer> statuses) {}

    private static final Map<String, List<Documented>> DOCUMENTS = new ConcurrentHashMap<>();

    private ContractCheck() {}

    /** Fails with an AssertionError if {@code response} to {@code request} breaks the document. */
    static void check(HttpClient http, String base, HttpRequest request, HttpResponse<byte[]> response) {
        String path = request.uri().getRawPath();
        if (!path.startsWith("/api/")) {
            return;
        }
        List<Documented> operations = DOCUMENTS.computeIfAbsent(base, ignored -> load(http, base));
        Documented operation = find(operations, request.method(), path);
        if (operation == null) {
            return;
        }
        int status = response.statusCode();
        if (!operation.statuses().contains(status)) {
            throw new AssertionError("the API answered " + status + " to " + request.method() + " " + path
                    + ", which the OpenAPI document does not list for " + operation.name() + " "
                    + operation.statuses());
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (status >= 400 && !request.method().equals("HEAD") && !type.startsWith("application/problem+json")) {
            throw new AssertionError("the API answered " + status + " to " + request.method() + " " + path + " with "
                    + type + ", not problem+json");
        }
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
        List<Documented> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            Pattern pattern = Pattern.compile(path.getKey().replaceAll("\\{[^}]+}", "[^/]+"));
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                Set<Integer> statuses = new TreeSet<>();
                method.getValue()
                        .path("responses")
                        .propertyNames()
                        .forEach(code -> statuses.add(Integer.parseInt(code)));
                operations.add(new Documented(
                        method.getKey().toUpperCase(Locale.ROOT),
                        pattern,
                        method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                        statuses));
            }
        }
        return operations;
    }
}
