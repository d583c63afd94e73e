package io.pitaya.jca.tcp.nio;

import io.pitaya.spi.TcpSettings;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Thousands of idle connections on two selector threads: all accepted, all closed by the acceptor's close. */
class ManyConnectionsTest {

    private static final int CONNECTIONS = 2000;

    @Test
    void twoThousandIdleConnectionsAreAcceptedAndAllClosedByClose() throws Exception {
        ThreadRunner runner = new ThreadRunner();
        List<Socket> clients = new ArrayList<>(CONNECTIONS);
        try (FakeCore core = new FakeCore();
             TcpAcceptor acceptor = new TcpAcceptor(new TcpSettings("default", "127.0.0.1", 0, 4096, 2, 0,
                     Duration.ofSeconds(10), null), core, runner)) {
            acceptor.start();
            InetSocketAddress address = acceptor.localAddress();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    Socket s = new Socket(address.getAddress(), address.getPort());
                    s.setSoTimeout(5000);
                    clients.add(s);
                }
                TcpAcceptorTest.await(() -> core.sinks.size() == CONNECTIONS, CONNECTIONS + " connections accepted");
                assertThat(acceptor.connectionCount()).isEqualTo(CONNECTIONS);
                assertThat(runner.threads).hasSize(3);

                acceptor.close();

                assertThat(acceptor.connectionCount()).isZero();
                assertThat(core.sinks).hasSize(CONNECTIONS).allSatisfy(s -> assertThat(s.closedCount).hasValue(1));
                for (Socket s : clients) {
                    int b;
                    try {
                        b = s.getInputStream().read();
                    } catch (java.net.SocketException reset) {
                        b = -1;
                    }
                    assertThat(b).as("client sees the close").isEqualTo(-1);
                }
                assertThat(runner.allEnded(5000)).isTrue();
            } finally {
                for (Socket s : clients) {
                    s.close();
                }
            }
        }
    }
}
