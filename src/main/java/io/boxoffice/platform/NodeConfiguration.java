package io.boxoffice.platform;

import io.boxoffice.platform.web.OperationalPaths;
import io.boxoffice.platform.web.ProblemWriter;
import io.boxoffice.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/** The node's {@link NodeRole}, and what it means at the HTTP edge. */
@Configuration(proxyBeanMethods = false)
class NodeConfiguration {

    @Bean
    NodeRole nodeRole(@Value("${boxoffice.role:all}") NodeRole role) {
        return role;
    }

    /** On a worker, everything but health and metrics answers 404: load balancers send it no traffic. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> workerEdge(NodeRole role, ProblemWriter problems) {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new WorkerEdge(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.setEnabled(!role.servesApi());
        return registration;
    }

    private static final class WorkerEdge extends OncePerRequestFilter {

        private final ProblemWriter problems;

        WorkerEdge(ProblemWriter problems) {
            this.problems = problems;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String path = request.getRequestURI();
            if (OperationalPaths.contains(path)) {
                chain.doFilter(request, response);
                return;
            }
            problems.write(
                    response,
                    Problems.of(
                            HttpStatus.NOT_FOUND,
                            "worker-node",
                            "This node is a worker: it runs jobs and serves only health and metrics."));
        }
    }
}
