package io.pitaya.jca.tcp.nio;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Formats peer addresses the way the rest of Pitaya logs them: {@code ip:port}, IPv6 as {@code [addr]:port}. */
final class SocketAddresses {

    private SocketAddresses() {
    }

    static String format(SocketAddress address) {
        if (!(address instanceof InetSocketAddress inet)) {
            return String.valueOf(address);
        }
        if (inet.getAddress() == null) {
            return inet.getHostString() + ":" + inet.getPort();
        }
        String ip = inet.getAddress().getHostAddress();
        return inet.getAddress() instanceof Inet6Address
                ? "[" + ip + "]:" + inet.getPort()
                : ip + ":" + inet.getPort();
    }
}
