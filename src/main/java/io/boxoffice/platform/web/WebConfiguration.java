package io.boxoffice.platform.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * Registers the API's HTTP filters, outermost first: body size limit, compression (on the final
 * bytes), caching headers, then ETags computed on the uncompressed body so every encoding shares one.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(WebSettings settings, ProblemWriter problems) {
        return registration(
                new BodySizeLimitFilter(problems, settings.maxBodySize().toBytes()), -300);
    }

    @Bean
    FilterRegistrationBean<CompressionFilter> compressionFilter(WebSettings settings) {
        return registration(new CompressionFilter(settings.compressionMinSize().toBytes()), -200);
    }

    @Bean
    FilterRegistrationBean<HttpCachingFilter> httpCachingFilter() {
        FilterRegistrationBean<HttpCachingFilter> registration = registration(new HttpCachingFilter(), 10);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> etagFilter() {
        ShallowEtagHeaderFilter filter = new ShallowEtagHeaderFilter();
        filter.setWriteWeakETag(true);
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration = registration(filter, 20);
        // the API, and the public pages of the web front ("" is the home page, exactly)
        registration.addUrlPatterns("/api/*", "", "/search", "/events/*");
        return registration;
    }

    private static <F extends jakarta.servlet.Filter> FilterRegistrationBean<F> registration(F filter, int order) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1000 + order);
        return registration;
    }
}
