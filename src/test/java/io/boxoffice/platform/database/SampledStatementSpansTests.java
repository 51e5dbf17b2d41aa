package io.boxoffice.platform.database;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.AbstractDataSource;

/** Which of the two ways to the pool a connection takes, told by the way each one fails. */
@Tag("fast")
class SampledStatementSpansTests {

    private final DataSource spans = new SampledStatementSpans(named("pool"), named("traced"));

    @Test
    void withoutATraceTheConnectionComesStraightFromThePool() {
        assertThatThrownBy(spans::getConnection).hasMessage("pool");
        assertThatThrownBy(() -> spans.getConnection("u", "p")).hasMessage("pool");
    }

    @Test
    void anUnsampledTraceTakesNoWrapper() {
        try (Scope ignored = span(TraceFlags.getDefault()).makeCurrent()) {
            assertThatThrownBy(spans::getConnection).hasMessage("pool");
        }
    }

    @Test
    void aSampledTraceRecordsItsStatements() {
        try (Scope ignored = span(TraceFlags.getSampled()).makeCurrent()) {
            assertThatThrownBy(spans::getConnection).hasMessage("traced");
            assertThatThrownBy(() -> spans.getConnection("u", "p")).hasMessage("traced");
        }
    }

    private static Span span(TraceFlags flags) {
        return Span.wrap(SpanContext.create(
                "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", flags, TraceState.getDefault()));
    }

    private static DataSource named(String name) {
        return new AbstractDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                throw new SQLException(name);
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                throw new SQLException(name);
            }
        };
    }
}
