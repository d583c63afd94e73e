package io.pitaya.jca.tcp.nio;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

class SocketAddressesTest {

    @Test
    void ipv4IsIpColonPort() throws Exception {
        assertThat(SocketAddresses.format(new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 53412)))
                .isEqualTo("10.1.2.3:53412");
    }

    @Test
    void ipv6IsBracketed() throws Exception {
        assertThat(SocketAddresses.format(new InetSocketAddress(InetAddress.getByName("::1"), 53412)))
                .isEqualTo("[0:0:0:0:0:0:0:1]:53412");
    }

    @Test
    void unresolvedUsesTheHostName() {
        assertThat(SocketAddresses.format(InetSocketAddress.createUnresolved("example.org", 1)))
                .isEqualTo("example.org:1");
    }
}
