package io.boxoffice.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

@Tag("fast")
class AsyncLogLinesTests {

    @Test
    void linesAreWrittenByTheirOwnThreadAndNoneIsLost() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // what the application's context has from SLF4J's start
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> console = new OutputStreamAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%thread %msg%n");
        encoder.start();
        console.setEncoder(encoder);
        console.setOutputStream(written);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(console);

        AsyncLogLines.install(context);
        AsyncLogLines.install(context); // a second start of the context in the same JVM: nothing changes

        assertThat(appenders(root)).singleElement().isInstanceOf(AsyncAppender.class);
        int lines = AsyncLogLines.QUEUE * 2; // more than the queue holds: callers wait, nothing is dropped
        for (int i = 0; i < lines; i++) {
            context.getLogger("boxoffice.access").info("line {}", i);
        }
        context.stop(); // drains the queue, as Spring Boot's shutdown hook does

        List<String> out = written.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(out).hasSize(lines);
        // in order, each with the thread that logged it (the trace id is kept the same way: ObservabilityTests)
        String thread = Thread.currentThread().getName();
        assertThat(out.getFirst()).isEqualTo(thread + " line 0");
        assertThat(out.getLast()).isEqualTo(thread + " line " + (lines - 1));
    }

    private static List<Appender<ILoggingEvent>> appenders(ch.qos.logback.classic.Logger logger) {
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        logger.iteratorForAppenders().forEachRemaining(appenders::add);
        return appenders;
    }
}
