package io.boxoffice.platform.database;

import io.opentelemetry.api.trace.Span;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A pool whose connections record their statements as spans only for a sampled trace: a
 * connection taken while the current span is sampled comes through OpenTelemetry's JDBC wrapper,
 * any other straight from the pool. An unsampled request (nine in ten by default) then pays
 * nothing for statement spans nobody would see: no wrapper objects, no context look-up per
 * statement, no non-recording spans. Both come from the same pool, so the choice costs one
 * thread-local read per connection.
 */
final class SampledStatementSpans extends DelegatingDataSource {

    private final DataSource traced;

    /** {@code traced} is {@code pool} wrapped by OpenTelemetry's JDBC instrumentation. */
    SampledStatementSpans(DataSource pool, DataSource traced) {
        super(pool);
        this.traced = traced;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return sampled() ? traced.getConnection() : obtainTargetDataSource().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return sampled()
                ? traced.getConnection(username, password)
                : obtainTargetDataSource().getConnection(username, password);
    }

    private static boolean sampled() {
        return Span.current().getSpanContext().isSampled();
    }
}
