package io.boxoffice.platform.cache;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Invalidations between nodes without Redis: PostgreSQL's NOTIFY to send, and one LISTEN per node
 * on a dedicated connection straight to the primary (a pooler in transaction mode cannot keep a
 * LISTEN). The listener reconnects by itself; after a reconnect the node drops its near caches,
 * since notifications sent while it was away are lost.
 */
final class PostgresBus implements AutoCloseable {

    static final String CHANNEL = "boxoffice_cache";

    /** PostgreSQL refuses payloads of 8,000 bytes or more; keys are ASCII (ids, normalized queries). */
    private static final int MAX_PAYLOAD = 7000;

    private static final Logger log = LoggerFactory.getLogger(PostgresBus.class);

    private final JdbcClient primary;
    private final String url;
    private final Properties credentials = new Properties();
    private volatile boolean closed;
    private volatile @Nullable Connection listening;
    private @Nullable Thread listener;

    PostgresBus(DataSource primary, String url, @Nullable String user, @Nullable String password) {
        this.primary = JdbcClient.create(primary);
        this.url = url;
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
    }

    /** Sends the invalidations, one per line, as few notifications as fit PostgreSQL's payload limit. */
    void publish(List<Invalidation> messages) {
        StringBuilder payload = new StringBuilder();
        for (Invalidation message : messages) {
            String line = message.encode();
            if (!payload.isEmpty() && payload.length() + 1 + line.length() > MAX_PAYLOAD) {
                notify(payload.toString());
                payload.setLength(0);
            }
            if (!payload.isEmpty()) {
                payload.append('\n');
            }
            payload.append(line);
        }
        if (!payload.isEmpty()) {
            notify(payload.toString());
        }
    }

    private void notify(String payload) {
        primary.sql("select pg_notify('" + CHANNEL + "', :payload)")
                .param("payload", payload)
                .query(Object.class)
                .optional();
    }

    void start(Consumer<String> onMessage, Runnable onReturn) {
        listener = Thread.ofPlatform().daemon().name("cache-listen").start(() -> listen(onMessage, onReturn));
    }

    private void listen(Consumer<String> onMessage, Runnable onReturn) {
        boolean first = true;
        while (!closed) {
            try (Connection connection = DriverManager.getConnection(url, credentials)) {
                listening = connection;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                if (!first) {
                    log.atInfo().log("cache invalidation listener reconnected");
                    onReturn.run();
                }
                first = false;
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] received = notifications.getNotifications(1000);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            onMessage.accept(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                first = false;
                log.atWarn().log("cache invalidation listener lost its connection ({}); reconnecting", e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection connection = listening;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
        Thread thread = listener;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
