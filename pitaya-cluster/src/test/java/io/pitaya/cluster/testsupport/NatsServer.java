package io.pitaya.cluster.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** A real {@code nats-server} (Debian package {@code nats-server}) on a free loopback port. */
public final class NatsServer extends ExternalServer {

    private int port;

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    @Override
    protected void choosePorts() {
        port = freePort();
    }

    @Override
    protected List<String> command(Path dataDir) {
        return List.of("nats-server", "-a", "127.0.0.1", "-p", String.valueOf(port));
    }

    @Override
    protected boolean ready() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(1000);
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(4);
            return "INFO".equals(new String(head, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }
}
