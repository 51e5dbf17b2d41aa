package io.boxoffice.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The served OpenAPI document is the committed one ({@code docs/openapi.json}), it describes every
 * operation completely, and what it says of authentication is what the API does. Run with
 * {@code -Dboxoffice.openapi.write=true} to write the served document to docs/openapi.json.
 */
class OpenApiContractTests extends ApiTest {

    private static final Path COMMITTED = Path.of("docs", "openapi.json");
    private static final JsonMapper PRETTY =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private JsonNode served() {
        Api.Response docs = api.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        return docs.json();
    }

    @Test
    void theServedDocumentIsTheCommittedOne() throws IOException {
        JsonNode served = served();
        if (Boolean.getBoolean("boxoffice.openapi.write")) {
            Files.writeString(COMMITTED, PRETTY.writeValueAsString(served) + "\n", StandardCharsets.UTF_8);
        }
        JsonNode committed = Api.JSON.readTree(Files.readString(COMMITTED));
        assertThat(served)
                .as("docs/openapi.json is out of date: run ./mvnw test -Dtest=OpenApiContractTests"
                        + " -Dboxoffice.openapi.write=true and commit it")
                .isEqualTo(committed);
    }

    @Test
    void everyOperationHasItsSummaryIdTagSecurityAndProblems() {
        JsonNode document = served();
        assertThat(document.path("info").path("title").asString()).isEqualTo("Boxoffice API");
        assertThat(document.path("components").path("securitySchemes").has("bearer"))
                .isTrue();
        assertThat(document.path("paths").has("/error")).isFalse();
        List<String> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                JsonNode operation = method.getValue();
                String name = method.getKey() + " " + path.getKey();
                operations.add(name);
                assertThat(operation.path("summary").asString()).as(name).isNotBlank();
                assertThat(operation.path("operationId").asString()).as(name).isNotBlank();
                assertThat(operation.path("tags")).as(name).hasSize(1);
                assertThat(operation.path("security").isArray()).as(name).isTrue();
                assertThat(operation.path("responses").has("401")).as(name).isTrue();
                assertThat(operation
                                .path("responses")
                                .path("400")
                                .path("content")
                                .has("application/problem+json"))
                        .as(name)
                        .isTrue();
            }
        }
        assertThat(operations).hasSizeGreaterThanOrEqualTo(29);
    }

    @Test
    void anOperationTheDocumentSaysNeedsATokenAnswers401WithoutOne() {
        JsonNode document = served();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                boolean anonymousAllowed = false;
                for (JsonNode requirement : method.getValue().path("security")) {
                    anonymousAllowed |= requirement.isEmpty();
                }
                String target = path.getKey().replace("{id}", "00000000-0000-0000-0000-000000000000");
                Api.Response response = api.send(api.builder(target, null)
                        .header("Content-Type", "application/json")
                        .method(
                                method.getKey().toUpperCase(),
                                java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
                String name = method.getKey() + " " + path.getKey();
                if (anonymousAllowed) {
                    assertThat(response.status()).as(name).isNotEqualTo(401);
                } else {
                    assertThat(response.status()).as(name).isEqualTo(401);
                }
            }
        }
    }
}
