package io.boxoffice.platform.database;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The primary as read-write transactions see it: a commit on one of its connections marks the
 * current request as having written, so its later reads stay on the primary and its response
 * carries a Consistency-Token.
 */
final class WriteTracking extends DelegatingDataSource {

    WriteTracking(DataSource primary) {
        super(primary);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return tracked(obtainTargetDataSource().getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return tracked(obtainTargetDataSource().getConnection(username, password));
    }

    private static Connection tracked(Connection target) {
        return (Connection) Proxy.newProxyInstance(
                WriteTracking.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        default -> {}
                    }
                    Object result;
                    try {
                        result = method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("commit")) {
                        RequestState request = RequestState.current();
                        if (request != null) {
                            request.wrote();
                        }
                    }
                    return result;
                });
    }
}
