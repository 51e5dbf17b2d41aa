import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plans PostgreSQL's auto_explain logged (EXPLAIN ANALYZE, BUFFERS, text format) while
 * bench/mixed --plans ran, one per distinct statement: the slowest of its sampled runs, with how
 * many runs were sampled and their median time, slowest statements first, as Markdown.
 *
 * <pre>java bench/QueryPlans.java server.log &gt; plans.md</pre>
 */
public class QueryPlans {

    private static final Pattern ENTRY = Pattern.compile("duration: ([0-9.]+) ms\\s+plan:");
    private static final Pattern PLAN_START = Pattern.compile("\\(cost=|\\(actual ");

    record Run(double millis, String query, String plan) {}

    public static void main(String[] args) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher entry = ENTRY.matcher(lines.get(i));
            if (!entry.find()) {
                continue;
            }
            List<String> body = new ArrayList<>();
            int j = i + 1;
            while (j < lines.size() && lines.get(j).startsWith("\t")) {
                body.add(lines.get(j).substring(1));
                j++;
            }
            i = j - 1;
            int plan = 0;
            while (plan < body.size() && !PLAN_START.matcher(body.get(plan)).find()) {
                plan++;
            }
            if (body.isEmpty() || plan == body.size() || !body.getFirst().startsWith("Query Text:")) {
                continue;
            }
            List<String> query = new ArrayList<>(body.subList(0, plan));
            query.set(0, query.getFirst().substring("Query Text:".length()).strip());
            String text = String.join("\n", query).strip();
            if (text.startsWith("BEGIN") || text.startsWith("COMMIT") || text.startsWith("SET ")) {
                continue;
            }
            runs.computeIfAbsent(text, k -> new ArrayList<>())
                    .add(new Run(Double.parseDouble(entry.group(1)), text, String.join("\n", body.subList(plan, body.size()))));
        }
        List<List<Run>> statements = new ArrayList<>(runs.values());
        statements.sort(Comparator.comparingDouble((List<Run> r) -> slowest(r).millis()).reversed());
        System.out.println("| # | statement | sampled runs | median ms | slowest ms |");
        System.out.println("|--:|---|--:|--:|--:|");
        for (int i = 0; i < statements.size(); i++) {
            List<Run> r = statements.get(i);
            System.out.printf("| %d | `%s` | %d | %.2f | %.2f |%n", i + 1, abbreviate(r.getFirst().query()), r.size(),
                    median(r), slowest(r).millis());
        }
        for (int i = 0; i < statements.size(); i++) {
            Run worst = slowest(statements.get(i));
            System.out.printf("%n#### %d. %.2f ms (slowest of %d)%n%n```sql%n%s%n```%n%n```%n%s%n```%n", i + 1,
                    worst.millis(), statements.get(i).size(), worst.query(), worst.plan());
        }
    }

    private static Run slowest(List<Run> runs) {
        return runs.stream().max(Comparator.comparingDouble(Run::millis)).orElseThrow();
    }

    private static double median(List<Run> runs) {
        double[] times = runs.stream().mapToDouble(Run::millis).sorted().toArray();
        return times[times.length / 2];
    }

    private static String abbreviate(String query) {
        String flat = query.replaceAll("\\s+", " ").replace("|", "\\|").replace("`", "'");
        return flat.length() > 110 ? flat.substring(0, 107) + "..." : flat;
    }
}
