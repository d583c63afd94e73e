package io.pitaya.it;

import io.pitaya.testkit.RawConnection;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link WireProtocolTests} over the TCP acceptor, plus the probes pitaya-cli sends before speaking TCP. */
class WireProtocolTcpIT extends WireProtocolTests {

    @Override
    URI endpoint() {
        return Deployments.TCP;
    }

    @Test
    void httpTlsAndGarbageProbesAreClosedWithin100ms() throws Exception {
        byte[] tlsClientHello = {0x16, 0x03, 0x01, 0x00, (byte) 0xc8, 0x01, 0x00, 0x00, (byte) 0xc4, 0x03, 0x03};
        byte[][] probes = {
                "GET / HTTP/1.1\r\nHost: 127.0.0.1:3250\r\nUpgrade: websocket\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                tlsClientHello,
                {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}};
        try (RawConnection healthy = handshaken()) {
            for (byte[] probe : probes) {
                try (Socket socket = new Socket(Deployments.TCP.getHost(), Deployments.TCP.getPort())) {
                    socket.setSoTimeout(5000);
                    InputStream in = socket.getInputStream();
                    long start = System.nanoTime();
                    socket.getOutputStream().write(probe);
                    int read = in.read();
                    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
                    assertThat(read).as("EOF").isEqualTo(-1);
                    assertThat(elapsedMs).as("closed after %d ms", elapsedMs).isLessThan(100);
                }
            }
            healthy.send(request(7, "testsvc.testrequestreturnsptr", "{\"msg\":\"still\"}"));
            assertThat(new String(nextData(healthy).data(), StandardCharsets.UTF_8)).contains("hello still");
        }
    }

    @Test
    void aPacketSplitAcrossManyWritesIsReassembled() throws Exception {
        try (RawConnection tcp = handshaken()) {
            byte[] packet = request(9, "testsvc.testrequestreturnsptr", "{\"msg\":\"split\"}");
            for (byte b : packet) {
                tcp.send(new byte[]{b});
            }
            assertThat(new String(nextData(tcp).data(), StandardCharsets.UTF_8)).contains("hello split");
        }
    }
}
