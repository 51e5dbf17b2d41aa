package io.boxoffice.platform.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * The client's address: the direct peer, unless the peer is a trusted proxy, in which case the
 * right-most address of {@code X-Forwarded-For} that is not itself a trusted proxy (addresses
 * further left are whatever the client chose to send).
 */
final class ClientAddresses {

    private final List<Cidr> trusted;

    ClientAddresses(List<Cidr> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!isTrusted(peer)) {
            return peer;
        }
        var forwarded = request.getHeaders("X-Forwarded-For");
        List<String> hops = new java.util.ArrayList<>();
        while (forwarded.hasMoreElements()) {
            for (String hop : forwarded.nextElement().split(",")) {
                hops.add(hop.strip());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (Cidr.numeric(hop) == null) {
                return peer; // garbage in the chain: do not trust anything left of it
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return peer;
    }

    private boolean isTrusted(String address) {
        for (Cidr block : trusted) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
