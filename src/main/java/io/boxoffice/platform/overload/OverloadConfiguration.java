package io.boxoffice.platform.overload;

import io.boxoffice.platform.web.ProblemWriter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class OverloadConfiguration {

    @Bean
    FilterRegistrationBean<LoadShedder> loadShedder(
            OverloadSettings settings, ProblemWriter problems, MeterRegistry meters) {
        FilterRegistrationBean<LoadShedder> registration =
                new FilterRegistrationBean<>(new LoadShedder(settings, problems, meters));
        // right after the response cache (HIGHEST_PRECEDENCE + 1015): cached reads are never shed
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1016);
        return registration;
    }
}
