package io.pitaya.it;

import io.pitaya.client.ConnectionListener;
import io.pitaya.client.PitayaClient;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A connected SDK client that records pushes and close events, for assertions. */
final class Clients {

    private Clients() {
    }

    record Push(String route, String body) {
    }

    static final class Recorded implements AutoCloseable {
        final PitayaClient client;
        final BlockingQueue<Push> pushes = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        final CompletableFuture<Void> kicked = new CompletableFuture<>();

        Recorded(PitayaClient.Builder builder) {
            this.client = builder
                    .requestTimeout(Duration.ofSeconds(5))
                    .connectTimeout(Duration.ofSeconds(10))
                    .onPush((route, data) -> pushes.add(new Push(route, new String(data, java.nio.charset.StandardCharsets.UTF_8))))
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

    static Recorded connect(java.net.URI uri) {
        Recorded recorded = new Recorded(PitayaClient.builder());
        recorded.client.connect(uri);
        return recorded;
    }
}
