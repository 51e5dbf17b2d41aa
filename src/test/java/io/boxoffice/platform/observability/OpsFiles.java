package io.boxoffice.platform.observability;

import io.boxoffice.support.Api;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/** The monitoring files under {@code deploy/} as the tests read them. */
final class OpsFiles {

    /** The application's alerts, on metrics Boxoffice exports. */
    static final Path ALERTS = Path.of("deploy/prometheus/alerts.yml");
    /** The database cluster's alerts, on metrics Patroni and etcd export (checked by bin/ha-drill). */
    static final Path DATABASE_ALERTS = Path.of("deploy/prometheus/database-alerts.yml");

    static final Path DASHBOARD = Path.of("deploy/grafana/boxoffice.json");

    record Alert(String name, String expression, Map<String, String> labels, Map<String, String> annotations) {}

    private OpsFiles() {}

    /** Every alert rule, of both files. */
    static List<Alert> alerts() throws IOException {
        List<Alert> alerts = new ArrayList<>(alerts(ALERTS));
        alerts.addAll(alerts(DATABASE_ALERTS));
        return alerts;
    }

    @SuppressWarnings("unchecked")
    static List<Alert> alerts(Path rules) throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(rules));
        List<Alert> alerts = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                alerts.add(new Alert(
                        (String) rule.get("alert"),
                        (String) rule.get("expr"),
                        (Map<String, String>) rule.getOrDefault("labels", Map.of()),
                        (Map<String, String>) rule.getOrDefault("annotations", Map.of())));
            }
        }
        return alerts;
    }

    static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = Api.JSON.readTree(Files.readString(DASHBOARD));
        return dashboard.findValues("expr").stream().map(JsonNode::asString).toList();
    }
}
