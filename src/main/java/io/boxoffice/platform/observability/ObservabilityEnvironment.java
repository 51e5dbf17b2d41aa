package io.boxoffice.platform.observability;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns Boxoffice's observability switches into Spring Boot's settings before logging starts:
 * {@code boxoffice.logging.json=true} selects the ECS JSON console format, and the pre-4.0 name
 * {@code management.otlp.tracing.endpoint} still points the trace exporter somewhere. Both only
 * fill in what is not set explicitly (the property source is added last).
 */
public class ObservabilityEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String JSON = "boxoffice.logging.json";
    static final String CONSOLE_FORMAT = "logging.structured.format.console";
    static final String LEGACY_OTLP_ENDPOINT = "management.otlp.tracing.endpoint";
    static final String OTLP_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> derived = new HashMap<>();
        if (environment.getProperty(JSON, Boolean.class, false) && !environment.containsProperty(CONSOLE_FORMAT)) {
            derived.put(CONSOLE_FORMAT, "ecs");
        }
        String legacy = environment.getProperty(LEGACY_OTLP_ENDPOINT);
        if (legacy != null && !legacy.isBlank() && !environment.containsProperty(OTLP_ENDPOINT)) {
            derived.put(OTLP_ENDPOINT, legacy);
        }
        if (!derived.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource("boxoffice-observability", derived));
        }
    }

    /** After the configuration files and profiles are read, before logging is initialized. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
