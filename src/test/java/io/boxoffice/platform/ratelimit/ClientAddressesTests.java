package io.boxoffice.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

@Tag("fast")
class ClientAddressesTests {

    private final ClientAddresses addresses =
            new ClientAddresses(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("2001:db8::/32")));

    private static MockHttpServletRequest from(String peer, String... forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/events");
        request.setRemoteAddr(peer);
        for (String header : forwardedFor) {
            request.addHeader("X-Forwarded-For", header);
        }
        return request;
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        assertThat(addresses.of(from("198.51.100.4", "203.0.113.9"))).isEqualTo("198.51.100.4");
    }

    @Test
    void behindTrustedProxiesTheClientIsTheRightMostUntrustedHop() {
        assertThat(addresses.of(from("10.0.0.2", "1.2.3.4, 203.0.113.9, 10.1.1.1")))
                .isEqualTo("203.0.113.9");
        assertThat(addresses.of(from("10.0.0.2", "1.2.3.4", "203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(addresses.of(from("2001:db8::1", "2001:db8::2, 2001:db9::9")))
                .isEqualTo("2001:db9::9");
        // only proxies in the chain: the peer it is
        assertThat(addresses.of(from("10.0.0.2", "10.0.0.3"))).isEqualTo("10.0.0.2");
        assertThat(addresses.of(from("10.0.0.2"))).isEqualTo("10.0.0.2");
        // a name or garbage is never looked up or believed
        assertThat(addresses.of(from("10.0.0.2", "evil.example, 10.0.0.3"))).isEqualTo("10.0.0.2");
    }

    @Test
    void blocksMatchByPrefix() {
        assertThat(Cidr.parse("192.0.2.0/24").contains("192.0.2.255")).isTrue();
        assertThat(Cidr.parse("192.0.2.0/24").contains("192.0.3.0")).isFalse();
        assertThat(Cidr.parse("192.0.2.7").contains("192.0.2.7")).isTrue();
        assertThat(Cidr.parse("192.0.2.7").contains("192.0.2.8")).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains("8.8.8.8")).isTrue();
        assertThat(Cidr.parse("0.0.0.0/0").contains("::1")).isFalse();
        assertThat(Cidr.parse("2001:db8::/32").contains("2001:db8:1::1")).isTrue();
        assertThatThrownBy(() -> Cidr.parse("example.com/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void limitsReadAsRequestsPerPeriod() {
        assertThat(Limit.valueOf("600/1m")).isEqualTo(new Limit(600, java.time.Duration.ofMinutes(1)));
        assertThat(Limit.valueOf("10/15m").perToken()).isEqualTo(java.time.Duration.ofSeconds(90));
        assertThatThrownBy(() -> Limit.valueOf("0/1m")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Limit.valueOf("ten")).isInstanceOf(IllegalArgumentException.class);
    }
}
