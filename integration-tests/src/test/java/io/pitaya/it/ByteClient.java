package io.pitaya.it;

import io.pitaya.client.ConnectionListener;
import io.pitaya.client.PitayaClient;
import io.pitaya.client.Response;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An SDK client that keeps pushes as bytes (protobuf payloads are not text), for assertions. */
final class ByteClient implements AutoCloseable {

    record Push(String route, byte[] data) {
    }

    final PitayaClient client;
    final BlockingQueue<Push> pushes = new LinkedBlockingQueue<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    final CompletableFuture<Void> kicked = new CompletableFuture<>();

    /** Built, not yet connected. */
    ByteClient(PitayaClient.Builder builder) {
        this.client = builder
                .requestTimeout(Duration.ofSeconds(5))
                .connectTimeout(Duration.ofSeconds(10))
                .onPush((route, data) -> pushes.add(new Push(route, data)))
                .connectionListener(new ConnectionListener() {
                    @Override
                    public void onKick() {
                        kicked.complete(null);
                    }

                    @Override
                    public void onClose(String reason) {
                        closed.complete(reason);
                    }
                })
                .build();
    }

    static ByteClient connect(URI uri) {
        return connect(uri, PitayaClient.builder());
    }

    static ByteClient connect(URI uri, PitayaClient.Builder builder) {
        ByteClient c = new ByteClient(builder);
        c.client.connect(uri);
        return c;
    }

    Response request(String route, byte[] body) throws Exception {
        return client.request(route, body).get(5, TimeUnit.SECONDS);
    }

    Push nextPush() throws InterruptedException {
        Push push = pushes.poll(5, TimeUnit.SECONDS);
        if (push == null) {
            throw new AssertionError("no push within 5 s");
        }
        return push;
    }

    @Override
    public void close() {
        client.close();
    }
}
