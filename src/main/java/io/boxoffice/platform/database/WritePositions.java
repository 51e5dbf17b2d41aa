package io.boxoffice.platform.database;

import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the primary's current WAL position: every write committed so far lies at or before it.
 * The same read tells {@link Timelines} which timeline the primary is on.
 */
public final class WritePositions {

    private final JdbcClient primary;
    private final Timelines timelines;

    WritePositions(DataSource primary, Timelines timelines) {
        this.primary = JdbcClient.create(primary);
        this.timelines = timelines;
    }

    public Lsn current() {
        return primary.sql("select p::text, pg_walfile_name(p) from pg_current_wal_insert_lsn() p")
                .query((row, n) -> {
                    Lsn position = Lsn.parse(row.getString(1));
                    timelines.observe(Timelines.ofWalFile(row.getString(2)), position);
                    return position;
                })
                .single();
    }
}
