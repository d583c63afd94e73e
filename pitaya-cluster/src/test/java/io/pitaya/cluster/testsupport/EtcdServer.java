package io.pitaya.cluster.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real single-member {@code etcd} (Debian package {@code etcd-server}) on free loopback ports. {@link #getPrefix}
 * reads it through its JSON gateway (no client library: the tests see exactly what any etcd client would).
 */
public final class EtcdServer extends ExternalServer {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** Every key under {@code prefix} with its value, as etcd holds them. */
    public Map<String, String> getPrefix(String prefix) {
        byte[] key = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] end = key.clone();
        end[end.length - 1]++;
        String body = "{\"key\":\"" + b64(key) + "\",\"range_end\":\"" + b64(end) + "\"}";
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint() + "/v3/kv/range"))
                    .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("etcd answered " + response.statusCode() + ": " + response.body());
            }
            Map<String, String> kvs = new LinkedHashMap<>();
            for (JsonNode kv : JSON.readTree(response.body()).path("kvs")) {
                kvs.put(text(kv.path("key").asText()), text(kv.path("value").asText()));
            }
            return kvs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String text(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
