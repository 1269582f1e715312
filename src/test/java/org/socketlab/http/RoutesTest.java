package org.socketlab.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which hosts the proxy forwards to, and how its ready line names them. */
class RoutesTest {
    @Test
    void labModeDescribesItsHostsInTheOrderGiven() {
        // Six hosts: an unordered copy would list them in this order once in 720 runs.
        Map<String, InetSocketAddress> hosts = new LinkedHashMap<>();
        for (String host : new String[] {"zeta.test", "Lab.test", "alpha.test", "mu.test", "beta.test", "k.test"}) {
            hosts.put(host, new InetSocketAddress(InetAddress.getLoopbackAddress(), 8000 + hosts.size()));
        }
        assertThat(Routes.lab(hosts).describe()).isEqualTo("lab mode: forwards only zeta.test -> 127.0.0.1:8000, "
                + "lab.test -> 127.0.0.1:8001, alpha.test -> 127.0.0.1:8002, mu.test -> 127.0.0.1:8003, "
                + "beta.test -> 127.0.0.1:8004, k.test -> 127.0.0.1:8005");
        assertThat(Routes.lab(hosts).route("LAB.TEST", 80)).hasValue(hosts.get("Lab.test"));
        assertThat(Routes.lab(hosts).route("other.test", 80)).isEmpty();
        assertThat(Routes.open().describe()).isEqualTo("open: forwards to any host");
    }
}
