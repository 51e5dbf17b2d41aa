package io.boxoffice.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** One operation of the OpenAPI document: its method, path template, parameters and body schema. */
record Operation(
        String method,
        String path,
        List<Parameter> parameters,
        @Nullable JsonNode body,
        Set<Integer> statuses) {

    /** A path, query or header parameter and its schema. */
    record Parameter(String name, String in, JsonNode schema) {}

    /** Every operation the document lists. */
    static List<Operation> all(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                JsonNode operation = method.getValue();
                List<Parameter> parameters = new ArrayList<>();
                operation
                        .path("parameters")
                        .forEach(parameter -> parameters.add(new Parameter(
                                parameter.path("name").asString(),
                                parameter.path("in").asString(),
                                parameter.path("schema"))));
                JsonNode body = operation
                        .path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema");
                Set<Integer> statuses = new TreeSet<>();
                operation.path("responses").propertyNames().forEach(code -> statuses.add(Integer.parseInt(code)));
                operations.add(new Operation(
                        method.getKey().toUpperCase(java.util.Locale.ROOT),
                        path.getKey(),
                        parameters,
                        body.isMissingNode() ? null : body,
                        statuses));
            }
        }
        return operations;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
