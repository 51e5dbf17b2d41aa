package io.boxoffice.orders;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** Settings out of their bounds stop the start-up with an error that names the property. */
@Tag("fast")
class SettingsValidationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(OrderSettings.class)
    static class WithOrderSettings {}

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(WithOrderSettings.class);

    @Test
    void theDefaultsAreValid() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(OrderSettings.class).maxBatch()).isEqualTo(256);
        });
    }

    @Test
    void aBatchOfNoOrdersIsRefusedAtStartUpNamingTheProperty() {
        context.withPropertyValues("boxoffice.orders.max-batch=0").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("boxoffice.orders.max-batch")
                    .hasMessageContaining("greater than or equal to 1");
        });
    }

    @Test
    void aHoldOfNoTimeIsRefusedAtStartUpNamingTheProperty() {
        context.withPropertyValues("boxoffice.orders.hold-ttl=0s").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("boxoffice.orders.hold-ttl");
        });
    }
}
