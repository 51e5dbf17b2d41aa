package io.boxoffice.waitingroom;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** This node's name in leases, rounds and presence: host, process and a random part, unique per start. */
@Component
class NodeName {

    private final String name;

    NodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        this.name = host + "-" + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    String name() {
        return name;
    }
}
