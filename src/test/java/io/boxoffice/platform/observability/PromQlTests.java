package io.boxoffice.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class PromQlTests {

    @Test
    void findsTheMetricsOfAnExpressionAndNothingElse() {
        assertThat(PromQl.metricNames("""
                        histogram_quantile(0.99, sum by (le, uri) (rate(http_server_requests_seconds_bucket{job="boxoffice", uri=~"/a|/b/\\\\{id\\\\}"}[5m])))
                          > 1e3
                        and on (instance) max by (instance) (hikaricp_connections_pending{pool="primary"} offset 5m) > 0
                        or up{job="boxoffice"} == bool 0""")) //
                .containsExactlyInAnyOrder("http_server_requests_seconds_bucket", "hikaricp_connections_pending", "up");
    }

    @Test
    void readsGrafanaVariablesAsPartOfTheirSelectors() {
        assertThat(PromQl.metricNames(
                        "sum(rate(cache_gets_total{instance=~\"$instance\", result=\"hit\"}[$__rate_interval]))"))
                .containsExactly("cache_gets_total");
    }
}
