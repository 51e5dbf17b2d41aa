package io.boxoffice.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.FilterChain;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request whose authentication finds no database (no pooled connection during a failover) is
 * told to come back, as a 503 problem with Retry-After, not a 500; one whose answer has already
 * started is left to fail as it is.
 */
@Tag("fast")
class DatabaseUnavailableFilterTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private final DatabaseUnavailableFilter filter = new DatabaseUnavailableFilter(new ProblemWriter(json));

    private static final FilterChain NO_DATABASE = (request, response) -> {
        throw new CannotGetJdbcConnectionException(
                "no connection", new SQLTransientConnectionException("primary - Connection is not available"));
    };

    @Test
    void aLostDatabaseBeforeTheControllerIsA503ToRetry() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("POST", "/api/v1/orders"), response, NO_DATABASE);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        JsonNode problem = json.readTree(response.getContentAsString());
        assertThat(problem.get("type").asString()).endsWith("/database-unavailable");
        assertThat(problem.get("status").asInt()).isEqualTo(503);
    }

    @Test
    void otherFailuresAndStartedAnswersPassThrough() {
        MockHttpServletResponse committed = new MockHttpServletResponse();
        committed.setCommitted(true);
        assertThatThrownBy(() -> filter.doFilter(new MockHttpServletRequest("GET", "/"), committed, NO_DATABASE))
                .isInstanceOf(CannotGetJdbcConnectionException.class);
        assertThatThrownBy(() -> filter.doFilter(
                        new MockHttpServletRequest("GET", "/"), new MockHttpServletResponse(), (request, response) -> {
                            throw new IllegalStateException("a bug");
                        }))
                .isInstanceOf(IllegalStateException.class);
    }
}
