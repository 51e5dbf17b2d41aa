package io.boxoffice.fuzz;

import io.boxoffice.support.Api;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Makes one request for an operation of the OpenAPI document from a seed: the same seed makes the
 * same request. Most values follow the document's schemas (with the fixture's real ids), and a
 * share are wrong on purpose: wrong types, out of bounds, NUL characters, malformed escapes, unknown
 * fields, huge and deeply nested bodies, wrong content types, bad headers.
 */
final class RequestGenerator {

    /** A request to send, exactly as it will go on the wire. */
    record FuzzRequest(
            Operation operation,
            Callers.Kind caller,
            String method,
            String target,
            Map<String, String> headers,
            byte @Nullable [] body,
            boolean asDocumented) {

        @Override
        public String toString() {
            String shown = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            if (shown.length() > 300) {
                shown = shown.substring(0, 300) + "... (" + body.length + " bytes)";
            }
            String address = target.length() > 300
                    ? target.substring(0, 300) + "... (" + target.length() + " characters)"
                    : target;
            return method + " " + address + " as " + caller + " " + headers + " " + shown;
        }
    }

    private static final List<String> ODD_STRINGS = List.of(
            "",
            " ",
            "\u0000",
            "a\u0000b",
            "%",
            "%zz",
            "../../etc/passwd",
            "<script>alert(1)</script>",
            "'; drop table account; --",
            "😀🎟️",
            "\u202Eevil",
            "-1",
            "1e309",
            "NaN",
            "null",
            "x".repeat(300),
            "y".repeat(20_000));

    private static final List<String> ODD_TARGET_PIECES =
            List.of("%zz", "%00", "a%2fb", "a%5cb", "{}", "|", "^", "%", "..", ";x=1", "%C3%28", "\u00e9");

    private static final List<String> CONTENT_TYPES = List.of(
            "application/json",
            "application/json",
            "application/json",
            "application/json; charset=UTF-8",
            "application/merge-patch+json",
            "text/plain",
            "application/xml",
            "multipart/form-data",
            "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded",
            "garbage",
            "application/json; charset=bogus");

    private final List<Operation> operations;
    private final JsonNode schemas;
    private final Fixture fixture;

    RequestGenerator(List<Operation> operations, JsonNode document, Fixture fixture) {
        this.operations = operations;
        this.schemas = document.path("components").path("schemas");
        this.fixture = fixture;
    }

    FuzzRequest next(long seed) {
        Random random = new Random(seed);
        Operation operation = operations.get(random.nextInt(operations.size()));
        Callers.Kind caller = Callers.Kind.values()[random.nextInt(Callers.Kind.values().length)];
        StringBuilder target = new StringBuilder();
        for (String segment : operation.path().split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            target.append('/');
            target.append(segment.startsWith("{") ? pathValue(random) : segment);
        }
        List<String> query = new ArrayList<>();
        for (Operation.Parameter parameter : operation.parameters()) {
            if (parameter.in().equals("query") && random.nextInt(3) > 0) {
                query.add(parameter.name() + "=" + encode(text(parameter.schema(), random), random));
            }
        }
        if (random.nextInt(8) == 0) {
            query.add(encode(pick(ODD_STRINGS, random), random) + "=" + encode(pick(ODD_STRINGS, random), random));
        }
        if (!query.isEmpty()) {
            target.append('?').append(String.join("&", query));
        }
        boolean asDocumented = true;
        if (random.nextInt(25) == 0) {
            target.append(pick(ODD_TARGET_PIECES, random));
            asDocumented = false; // another address now: not this operation's
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Operation.Parameter parameter : operation.parameters()) {
            if (parameter.in().equals("header") && random.nextInt(4) > 0) {
                headers.put(parameter.name(), headerValue(random));
            }
        }
        if (random.nextInt(10) == 0) {
            headers.put("If-None-Match", random.nextBoolean() ? "W/\"0" : "\"" + UUID.randomUUID() + "\"");
        }
        if (random.nextInt(10) == 0) {
            headers.put("Consistency-Token", headerValue(random));
        }
        if (random.nextInt(10) == 0) {
            headers.put("Accept", pick(List.of("text/html", "application/xml", "*/*", "garbage", "image/png"), random));
        }
        byte[] body = null;
        if (operation.body() != null && random.nextInt(10) > 0 || random.nextInt(8) == 0) {
            body = body(operation.body(), random);
            headers.put("Content-Type", pick(CONTENT_TYPES, random));
        }
        String token = fixture.token(caller);
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return new FuzzRequest(operation, caller, operation.method(), target.toString(), headers, body, asDocumented);
    }

    private String pathValue(Random random) {
        return switch (random.nextInt(6)) {
            case 0, 1, 2 -> pick(fixture.ids(), random);
            case 3 -> UUID.randomUUID().toString();
            case 4 -> encode(pick(ODD_STRINGS, random), random);
            default -> pick(ODD_TARGET_PIECES, random);
        };
    }

    private String headerValue(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> UUID.randomUUID().toString();
            case 1 -> "k".repeat(1 + random.nextInt(400));
            case 2 -> "\t odd , value ;=\"";
            default -> "fuzz-" + random.nextInt(50);
        };
    }

    private byte[] body(@Nullable JsonNode schema, Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> "{\"unterminated\": ".getBytes(StandardCharsets.UTF_8);
            case 1 -> ("[".repeat(3000) + "]".repeat(3000)).getBytes(StandardCharsets.UTF_8);
            case 2 -> ("{\"a\":\"" + "z".repeat(300 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
            case 3 -> new byte[] {(byte) 0xC3, (byte) 0x28, '{', '}'};
            default ->
                Api.JSON.writeValueAsBytes(schema == null ? Map.of("unexpected", true) : value(schema, random, 0));
        };
    }

    /** A value for {@code schema}: usually valid, one time in eight deliberately not. */
    private @Nullable Object value(JsonNode schema, Random random, int depth) {
        JsonNode resolved = resolve(schema);
        if (random.nextInt(8) == 0 || depth > 6) {
            return wrong(random);
        }
        String type = resolved.path("type").asString("object");
        return switch (type) {
            case "string" -> text(resolved, random);
            case "integer" -> pick(List.of(0, 1, 2, 5, 100, -1, Integer.MAX_VALUE, random.nextInt(1000)), random);
            case "number" -> pick(List.of(0.0, 1.5, -90.0, 180.0, 51.5, -0.12, 1e300, random.nextDouble()), random);
            case "boolean" -> random.nextBoolean();
            case "array" -> {
                List<Object> items = new ArrayList<>();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    items.add(value(resolved.path("items"), random, depth + 1));
                }
                yield items;
            }
            default -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> property :
                        resolved.path("properties").properties()) {
                    if (random.nextInt(6) > 0) {
                        object.put(property.getKey(), value(property.getValue(), random, depth + 1));
                    }
                }
                if (random.nextInt(8) == 0) {
                    object.put("unknownField", wrong(random));
                }
                yield object;
            }
        };
    }

    private String text(JsonNode schema, Random random) {
        JsonNode resolved = resolve(schema);
        if (random.nextInt(6) == 0) {
            return pick(ODD_STRINGS, random);
        }
        if (resolved.has("enum")) {
            List<String> values = new ArrayList<>();
            resolved.get("enum").forEach(value -> values.add(value.asString()));
            return pick(values, random);
        }
        if (resolved.path("example").isString() && random.nextBoolean()) {
            return resolved.get("example").asString(); // a value the document says is valid (a time zone)
        }
        String format = resolved.path("format").asString("");
        return switch (format) {
            case "uuid" -> random.nextInt(4) == 0 ? UUID.randomUUID().toString() : pick(fixture.ids(), random);
            case "date-time" ->
                Instant.now()
                        .plus(random.nextInt(400) - 30, ChronoUnit.DAYS)
                        .truncatedTo(ChronoUnit.HOURS)
                        .toString();
            case "int32", "int64" -> Integer.toString(random.nextInt(300) - 50);
            case "double" -> Double.toString(random.nextDouble() * 200 - 100);
            default -> pick(fixture.words(), random);
        };
    }

    private Object wrong(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> pick(ODD_STRINGS, random);
            case 1 -> random.nextLong();
            case 2 -> List.of(1, "two", Map.of());
            case 3 -> Map.of("nested", Map.of("deeper", List.of()));
            case 4 -> true;
            default -> -random.nextInt(1000);
        };
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        if (ref.startsWith("#/components/schemas/")) {
            return schemas.path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    /** Percent-encodes {@code value} for a URL, now and then leaving it raw (malformed on purpose). */
    private static String encode(String value, Random random) {
        if (random.nextInt(12) == 0) {
            return value.replace(" ", "+");
        }
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }
}
