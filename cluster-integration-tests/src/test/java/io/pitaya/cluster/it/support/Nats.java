package io.pitaya.cluster.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** A real {@code nats-server} (Debian package {@code nats-server}) on a free loopback port. */
public final class Nats extends ExternalProcess {

    private final int port = freePort();

    Nats(Path dir) {
        super(dir);
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
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
            return "INFO".equals(new String(in.readNBytes(4), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }
}
