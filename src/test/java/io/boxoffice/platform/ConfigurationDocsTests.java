package io.boxoffice.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docs/configuration.md lists every {@code boxoffice.*} property the code binds, and nothing that is
 * gone. The code's side is the metadata the configuration processor writes from the settings
 * records, plus the additional metadata of the few properties read otherwise.
 */
@Tag("fast")
class ConfigurationDocsTests {

    /** A table row's first cell: {@code `a.b.c`}, or {@code `a.b.c` / `d` / `e`} for siblings {@code a.b.d}, {@code a.b.e}. */
    private static final Pattern ROW = Pattern.compile("^\\| (`[^|]+) \\|", Pattern.MULTILINE);

    private static final Pattern NAME = Pattern.compile("`([^`]+)`");

    @Test
    void everyBoxofficePropertyIsDocumentedAndEveryDocumentedOneExists() throws IOException {
        Set<String> bound = new TreeSet<>();
        for (String resource : new String[] {
            "META-INF/spring-configuration-metadata.json", "META-INF/additional-spring-configuration-metadata.json"
        }) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                assertThat(in).as(resource).isNotNull();
                JsonNode metadata = Api.JSON.readTree(in);
                metadata.path("properties").forEach(property -> {
                    String name = property.path("name").asString();
                    if (name.startsWith("boxoffice.")) {
                        bound.add(name);
                    }
                });
            }
        }
        assertThat(bound).as("the metadata was generated").hasSizeGreaterThan(40);

        Set<String> documented = new TreeSet<>();
        Matcher row = ROW.matcher(Files.readString(Path.of("docs", "configuration.md")));
        while (row.find()) {
            Matcher names = NAME.matcher(row.group(1));
            String first = null;
            while (names.find()) {
                if (first == null) {
                    first = names.group(1);
                    documented.add(first);
                } else {
                    documented.add(first.substring(0, first.lastIndexOf('.') + 1) + names.group(1));
                }
            }
        }

        Set<String> undocumented = new TreeSet<>();
        for (String name : bound) {
            if (documented.stream().noneMatch(doc -> doc.equals(name) || doc.startsWith(name + "."))) {
                undocumented.add(name);
            }
        }
        assertThat(undocumented)
                .as("bound but missing from docs/configuration.md")
                .isEmpty();

        Set<String> gone = new TreeSet<>();
        for (String doc : documented) {
            if (doc.startsWith("boxoffice.")
                    && bound.stream().noneMatch(name -> doc.equals(name) || doc.startsWith(name + "."))) {
                gone.add(doc);
            }
        }
        assertThat(gone)
                .as("documented in docs/configuration.md but bound nowhere")
                .isEmpty();
    }
}
