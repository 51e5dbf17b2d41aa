package io.boxoffice.platform.observability;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/**
 * Log lines are written by a thread of their own: the console and file appenders Spring Boot set
 * up are moved behind a logback {@link AsyncAppender}. A request thread only formats its message
 * and hands the line over; before, every request's access-log line was encoded (ECS JSON on the
 * production profile) and written to stdout under the appender's lock, so 256 concurrent requests
 * queued for one lock and a write each, and a slow order path grew slower with its own log lines.
 * Nothing is dropped: a full queue (8,192 lines) makes the caller wait, as the synchronous
 * appender did. The trace id and key-value pairs are taken on the calling thread. Logback's stop
 * (Spring Boot's shutdown hook) writes what is queued before the process ends.
 */
final class AsyncLogLines {

    static final int QUEUE = 8192;

    private AsyncLogLines() {}

    /** Moves the root logger's output appenders behind an async one each; a second call changes nothing. */
    static void install(ILoggerFactory factory) {
        if (!(factory instanceof LoggerContext context)) {
            return;
        }
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(appenders::add);
        for (Appender<ILoggingEvent> appender : appenders) {
            if (!(appender instanceof OutputStreamAppender<ILoggingEvent>)) {
                continue;
            }
            AsyncAppender async = new AsyncAppender();
            async.setContext(context);
            async.setName("async-" + appender.getName());
            async.setQueueSize(QUEUE);
            async.setDiscardingThreshold(0);
            async.setNeverBlock(false);
            async.setIncludeCallerData(false);
            async.addAppender(appender);
            async.start();
            root.addAppender(async);
            root.detachAppender(appender);
        }
    }
}
