package io.boxoffice.orders;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the records of CSV as PostgreSQL's {@code COPY ... (format csv)} writes it (RFC 4180):
 * fields separated by commas, quoted with double quotes when they hold a comma, a quote or a line
 * break, a quote inside doubled. An empty unquoted field (SQL null) reads as {@code null}.
 */
final class CsvRecords {

    private CsvRecords() {}

    /** The next record's fields, or {@code null} at the end. */
    static @Nullable List<String> next(BufferedReader reader) throws IOException {
        int c = reader.read();
        if (c == -1) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (c == -1) {
                fields.add(value(field, wasQuoted));
                return fields;
            }
            if (quoted) {
                if (c == '"') {
                    reader.mark(1);
                    int after = reader.read();
                    if (after == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        reader.reset();
                    }
                } else {
                    field.append((char) c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(value(field, wasQuoted));
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n') {
                fields.add(value(field, wasQuoted));
                return fields;
            } else if (c != '\r') {
                field.append((char) c);
            }
            c = reader.read();
        }
    }

    private static @Nullable String value(StringBuilder field, boolean quoted) {
        return field.isEmpty() && !quoted ? null : field.toString();
    }
}
