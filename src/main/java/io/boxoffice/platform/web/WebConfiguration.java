package io.boxoffice.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * Registers the API's HTTP filters, outermost first: body size limit, parameter hygiene, compression (on the final
 * bytes), caching headers, then ETags computed on the uncompressed body so every encoding shares one.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /** Undecodable parameters and NUL characters are refused before anything reads them. */
    @Bean
    FilterRegistrationBean<RequestHygieneFilter> requestHygieneFilter(ProblemWriter problems) {
        return registration(new RequestHygieneFilter(problems), -250);
    }

    /** JSON strings with a NUL character are refused as the body is read. */
    @Bean
    NulFreeStrings nulFreeStrings() {
        return new NulFreeStrings();
    }

    /**
     * Requests Tomcat refuses before any servlet sees them get problem+json too: its error report
     * valve, on the host, is replaced by {@link ProblemReportValve} (Spring Boot adds its own before
     * the host starts, so the swap happens then).
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemReports() {
        return factory -> factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            host.setErrorReportValveClass(ProblemReportValve.class.getName());
            host.addLifecycleListener(event -> {
                if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                }
            });
        });
    }

    /**
     * A response goes out in one write: Tomcat's socket buffer (8 KB by default) split the 8.7 KB
     * listing into two system calls, headers with the start of the body and then the rest. With
     * 16 KB, every cached read and every order answer is one {@code write}. Not more: Tomcat
     * allocates the buffer for each open connection, so 8,192 connections (its limit) hold 128 MB.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> oneWritePerResponse() {
        return factory -> factory.addConnectorCustomizers(
                connector -> connector.setProperty("socket.appWriteBufSize", String.valueOf(RESPONSE_BUFFER)));
    }

    static final int RESPONSE_BUFFER = 16 * 1024;

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
        ShallowEtagHeaderFilter filter = new ShallowEtagHeaderFilter() {
            // it tags only GET and HEAD answers, but would buffer every other one to find that out
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !HttpMethod.GET.matches(request.getMethod()) && !HttpMethod.HEAD.matches(request.getMethod());
            }
        };
        filter.setWriteWeakETag(true);
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration = registration(filter, 20);
        // the API, and the public pages of the web front ("" is the home page, exactly)
        registration.addUrlPatterns("/api/*", "", "/search", "/events/*");
        return registration;
    }

    /** Outside authentication, which reads from the database too. */
    @Bean
    FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter(ProblemWriter problems) {
        return registration(new DatabaseUnavailableFilter(problems), 30);
    }

    private static <F extends jakarta.servlet.Filter> FilterRegistrationBean<F> registration(F filter, int order) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1000 + order);
        return registration;
    }
}
