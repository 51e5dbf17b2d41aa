import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Itemises a collapsed-stack CPU profile (async-profiler's "collapsed" output): where the samples
 * went by component, the hottest frames by self time, and every place an exception is created.
 * A sample belongs to the JIT compiler or the garbage collector when its thread is one of theirs,
 * to "kernel" when its leaf frame is in the kernel (system calls, interrupts), to "exceptions"
 * when it fills in a stack trace, and otherwise to the library of its leaf-most frame outside
 * the JDK (JDK frames count for the code that called them).
 *
 * <p>Usage: java bench/ProfileSummary.java FILE.collapsed NAME SECONDS
 */
public class ProfileSummary {

    private static final Map<String, String> LIBRARIES = new LinkedHashMap<>();

    static {
        LIBRARIES.put("io/opentelemetry/", "OpenTelemetry");
        LIBRARIES.put("io/micrometer/", "Micrometer");
        LIBRARIES.put("org/postgresql/", "PostgreSQL JDBC driver");
        LIBRARIES.put("com/zaxxer/hikari/", "Hikari pool");
        LIBRARIES.put("tools/jackson/", "JSON (Jackson)");
        LIBRARIES.put("com/fasterxml/jackson/", "JSON (Jackson)");
        LIBRARIES.put("org/springframework/security/", "security and JWT");
        LIBRARIES.put("com/nimbusds/", "security and JWT");
        LIBRARIES.put("org/springframework/jdbc/", "Spring JDBC and transactions");
        LIBRARIES.put("org/springframework/transaction/", "Spring JDBC and transactions");
        LIBRARIES.put("org/springframework/web/", "Spring MVC");
        LIBRARIES.put("org/springframework/http/", "Spring MVC");
        LIBRARIES.put("org/apache/catalina/", "Tomcat");
        LIBRARIES.put("org/apache/coyote/", "Tomcat");
        LIBRARIES.put("org/apache/tomcat/", "Tomcat");
        LIBRARIES.put("io/boxoffice/", "Boxoffice code");
        LIBRARIES.put("ch/qos/logback/", "logging");
        LIBRARIES.put("org/slf4j/", "logging");
        LIBRARIES.put("io/github/bucket4j/", "rate limiting");
        LIBRARIES.put("com/github/benmanes/caffeine/", "caches");
        LIBRARIES.put("org/springframework/", "Spring (other)");
    }

    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        String name = args[1];
        double seconds = Double.parseDouble(args[2]);
        Map<String, Long> categories = new TreeMap<>();
        Map<String, Long> selfFrames = new TreeMap<>();
        Map<String, Long> throwers = new TreeMap<>();
        long total = 0;
        for (String line : lines) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long samples = Long.parseLong(line.substring(space + 1).trim());
            String[] frames = line.substring(0, space).split(";");
            total += samples;
            categories.merge(category(frames), samples, Long::sum);
            selfFrames.merge(frames[frames.length - 1], samples, Long::sum);
            String thrower = thrower(frames);
            if (thrower != null) {
                throwers.merge(thrower, samples, Long::sum);
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("# CPU profile: ").append(name).append("\n\n");
        out.append("%d samples in %.0f s (about 1 ms of CPU each with the default interval).%n%n".formatted(total, seconds));
        out.append("| where the CPU went | samples | share |\n|---|---:|---:|\n");
        appendTop(out, categories, total, 100);
        out.append("\n| hottest frames (self) | samples | share |\n|---|---:|---:|\n");
        appendTop(out, selfFrames, total, 25);
        out.append("\n| exceptions created, by the code creating them | samples | share |\n|---|---:|---:|\n");
        if (throwers.isEmpty()) {
            out.append("| none | 0 | 0 % |\n");
        }
        appendTop(out, throwers, total, 15);
        System.out.print(out);
    }

    static String category(String[] frames) {
        for (String frame : frames) {
            if (!frame.contains("/") && (frame.startsWith("CompileBroker::") || frame.startsWith("C2Compiler::")
                    || frame.startsWith("Compiler::") || frame.startsWith("CompilerThread"))) {
                return "JIT compiler";
            }
            if (!frame.contains("/") && (frame.startsWith("G1") || frame.startsWith("GC") || frame.startsWith("WorkerThread::")
                    || frame.startsWith("ConcurrentGCThread::") || frame.startsWith("VM_G1"))) {
                return "garbage collector";
            }
        }
        if (frames[frames.length - 1].endsWith("_[k]")) {
            return "kernel (system calls, interrupts)";
        }
        for (String frame : frames) {
            if (frame.contains("fillInStackTrace")) {
                return "exceptions (stack traces)";
            }
        }
        for (int i = frames.length - 1; i >= 0; i--) {
            String frame = frames[i];
            for (var library : LIBRARIES.entrySet()) {
                if (frame.startsWith(library.getKey())) {
                    return library.getValue();
                }
            }
        }
        String leaf = frames[frames.length - 1];
        return leaf.contains("/") || leaf.contains(".") ? "JDK and other Java" : "JVM runtime (other native)";
    }

    /** The frame that constructs an exception whose stack trace is filled in, or null. */
    static String thrower(String[] frames) {
        boolean filling = false;
        for (String frame : frames) {
            filling |= frame.contains("fillInStackTrace");
        }
        if (!filling) {
            return null;
        }
        for (int i = 1; i < frames.length; i++) {
            String frame = frames[i];
            if (frame.endsWith(".<init>") && (frame.contains("Exception") || frame.contains("Error") || frame.contains("Throwable"))) {
                return frames[i - 1] + " → " + frame.replace(".<init>", "");
            }
        }
        return "(unknown)";
    }

    static void appendTop(StringBuilder out, Map<String, Long> counts, long total, int limit) {
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .forEach(e -> out.append("| `%s` | %d | %.1f %% |%n".formatted(
                        e.getKey().replace("|", "\\|"), e.getValue(), 100.0 * e.getValue() / Math.max(1, total))));
    }
}
