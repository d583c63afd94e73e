package io.pitaya.cluster.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real single-member {@code etcd} (Debian package {@code etcd-server}) on free loopback ports. */
public final class EtcdServer extends ExternalServer {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private int clientPort;
    private int peerPort;

    public String endpoint() {
        return "http://127.0.0.1:" + clientPort;
    }

    @Override
    protected void choosePorts() {
        clientPort = freePort();
        peerPort = freePort();
    }

    @Override
    protected List<String> command(Path dataDir) {
        String client = endpoint();
        String peer = "http://127.0.0.1:" + peerPort;
        return List.of("etcd", "--name", "test", "--data-dir", dataDir.toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "test=" + peer, "--log-level", "warn");
    }

    @Override
    protected boolean ready() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint() + "/health"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"health\":\"true\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
