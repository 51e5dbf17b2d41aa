package io.boxoffice.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every alert leads an operator somewhere real: a severity, a summary and a runbook section that exists. */
@Tag("fast")
class RunbookTests {

    private static final Path RUNBOOK = Path.of("docs/operations.md");

    @Test
    void everyAlertHasASeverityASummaryAndARunbookSectionThatExists() throws IOException {
        Set<String> anchors = headings().stream().map(RunbookTests::anchor).collect(Collectors.toSet());
        List<OpsFiles.Alert> alerts = OpsFiles.alerts();
        assertThat(alerts).isNotEmpty();
        for (OpsFiles.Alert alert : alerts) {
            assertThat(alert.labels().get("severity")).as(alert.name()).isIn("page", "ticket");
            assertThat(alert.annotations().get("summary")).as(alert.name()).isNotBlank();
            String runbook = alert.annotations().get("runbook");
            assertThat(runbook).as(alert.name()).startsWith(RUNBOOK + "#");
            assertThat(anchors).as(alert.name()).contains(runbook.substring(runbook.indexOf('#') + 1));
        }
    }

    @Test
    void everyAlertSectionOfTheRunbookBelongsToAnAlert() throws IOException {
        Set<String> names = OpsFiles.alerts().stream().map(OpsFiles.Alert::name).collect(Collectors.toSet());
        List<String> sections = headings().stream()
                .filter(heading -> heading.matches("(Boxoffice|Postgres|Etcd)[A-Z]\\w+"))
                .toList();
        assertThat(sections)
                .isNotEmpty()
                .allSatisfy(section -> assertThat(names).contains(section));
    }

    @Test
    void anchorsAreMadeTheWayMarkdownRenderersMakeThem() {
        assertThat(anchor("Probes and health")).isEqualTo("probes-and-health");
        assertThat(anchor("Jobs, workers and SMTP")).isEqualTo("jobs-workers-and-smtp");
        assertThat(anchor("BoxofficeDeadJobs")).isEqualTo("boxofficedeadjobs");
    }

    private static List<String> headings() throws IOException {
        return Files.readAllLines(RUNBOOK).stream()
                .filter(line -> line.startsWith("#"))
                .map(line -> line.replaceFirst("^#+\\s*", "").strip())
                .toList();
    }

    /** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens. */
    private static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }
}
