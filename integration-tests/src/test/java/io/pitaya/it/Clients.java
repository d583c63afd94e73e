package io.pitaya.it;

import io.pitaya.client.PitayaClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** A connected SDK client that records pushes and close events, for assertions. */
final class Clients {

    private Clients() {
    }

    record Push(String route, String body) {
    }

    /** A {@link ByteClient} whose pushes read as UTF-8 text. */
    static final class Recorded implements AutoCloseable {
        private final ByteClient recorder;
        final PitayaClient client;
        final CompletableFuture<String> closed;
        final CompletableFuture<Void> kicked;

        Recorded(PitayaClient.Builder builder) {
            recorder = new ByteClient(builder);
            client = recorder.client;
            closed = recorder.closed;
            kicked = recorder.kicked;
        }

        Push nextPush() throws InterruptedException {
            ByteClient.Push push = recorder.nextPush();
            return new Push(push.route(), new String(push.data(), StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            recorder.close();
        }
    }

    static Recorded connect(URI uri) {
        Recorded recorded = new Recorded(PitayaClient.builder());
        recorded.client.connect(uri);
        return recorded;
    }
}
