package io.boxoffice.platform.jdbc;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deletes what is past its retention from a table that only grows, in batches, so no one delete
 * holds its locks or bloats the WAL for long. For plain tables and single partitions only: rows are
 * picked by {@code ctid}, which is unique within one table, not across a partitioned one.
 */
public final class Retention {

    private Retention() {}

    /**
     * Deletes the rows of {@code table} whose {@code column} is below {@code before}, {@code batch}
     * rows at a time; returns how many went. Table and column are the caller's constants, never input.
     */
    public static int deleteBelow(JdbcClient jdbc, String table, String column, Object before, int batch) {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.sql("delete from " + table + " where ctid = any (array(select ctid from " + table + " where "
                            + column + " < :before limit :batch))")
                    .param("before", before)
                    .param("batch", batch)
                    .update();
            total += deleted;
        } while (deleted == batch);
        return total;
    }
}
