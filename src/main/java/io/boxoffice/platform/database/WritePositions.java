package io.boxoffice.platform.database;

import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the primary's current WAL position: every write committed so far lies at or before it. */
public final class WritePositions {

    private final JdbcClient primary;

    WritePositions(DataSource primary) {
        this.primary = JdbcClient.create(primary);
    }

    public Lsn current() {
        return Lsn.parse(primary.sql("select pg_current_wal_insert_lsn()::text")
                .query(String.class)
                .single());
    }
}
