package io.pitaya.core.server;

import io.pitaya.api.Handler;
import io.pitaya.core.config.PitayaConfig;
import io.pitaya.core.handler.HandlerRegistry;
import io.pitaya.core.handler.InvocationScope;
import io.pitaya.core.serialize.JsonSerializer;
import io.pitaya.core.session.SessionPool;
import io.pitaya.core.testing.RecordingConnection;
import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.TestServer;
import io.pitaya.protocol.message.RouteDictionary;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PitayaServerTest {

    @Handler("svc")
    public static class Svc {
        final AtomicInteger calls = new AtomicInteger();

        public String ping() {
            calls.incrementAndGet();
            return "pong";
        }
    }

    @Test
    void acceptsOnlyWhileRunning() {
        PitayaServer server = new PitayaServer(PitayaConfig.defaults(), new JsonSerializer(), new SessionPool(),
                RouteDictionary.EMPTY);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            assertThat(server.isRunning()).isFalse();
            assertThatThrownBy(() -> server.accept(RecordingConnection.autoComplete()))
                    .isInstanceOf(IllegalStateException.class);

            server.start(HandlerRegistry.builder().build(), Runnable::run, scheduler, InvocationScope.NONE);
            assertThat(server.isRunning()).isTrue();
            assertThatThrownBy(() -> server.start(HandlerRegistry.builder().build(), Runnable::run, scheduler,
                    InvocationScope.NONE)).isInstanceOf(IllegalStateException.class).hasMessage("already started");
            assertThat(server.accept(RecordingConnection.autoComplete())).isNotNull();
            assertThat(server.maxPacketBodyLength()).isEqualTo(0xFFFFFF);

            server.stop();
            server.stop();
            assertThat(server.isRunning()).isFalse();
            assertThatThrownBy(() -> server.accept(RecordingConnection.autoComplete()))
                    .isInstanceOf(IllegalStateException.class);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void stopClosesEverySessionAndRunsTheirCallbacks() {
        TestServer server = TestServer.start();
        TestClient a = server.connect().ready();
        TestClient b = server.connect();
        AtomicInteger callbacks = new AtomicInteger();
        a.session().onClose(callbacks::incrementAndGet);
        b.session().onClose(callbacks::incrementAndGet);

        server.close();

        assertThat(a.isClosed()).isTrue();
        assertThat(b.isClosed()).isTrue();
        assertThat(a.agent().closeReason()).isEqualTo("server shutting down");
        assertThat(callbacks).hasValue(2);
        assertThat(server.sessions().count()).isZero();
    }

    @Test
    void anExecutorThatRefusesWorkClosesTheConnectionWithoutRunningTheMessage() {
        Svc svc = new Svc();
        TestServer server = TestServer.builder().handler(svc)
                .executor(task -> {
                    throw new RejectedExecutionException("saturated");
                })
                .start();
        try {
            TestClient client = server.connect().ready();
            AtomicInteger callbacks = new AtomicInteger();
            client.session().onClose(callbacks::incrementAndGet);
            client.session().onClose(callbacks::incrementAndGet);

            client.request(1, "svc.ping", "{}"); // must not throw into the acceptor's I/O thread

            assertThat(callbacks).as("close callbacks run although the executor refuses work").hasValue(2);
            assertThat(client.isClosed()).isTrue();
            assertThat(client.agent().closeReason()).startsWith("server overloaded");
            assertThat(svc.calls).hasValue(0);
            client.connection().assertNothingMoreWritten();
            assertThat(server.sessions().count()).isZero();
        } finally {
            server.close();
        }
    }

    @Test
    void ipVersionFollowsTheAddressShape() {
        assertThat(PitayaServer.ipVersion("127.0.0.1:5000")).isEqualTo("ipv4");
        assertThat(PitayaServer.ipVersion("[::1]:5000")).isEqualTo("ipv6");
        assertThat(PitayaServer.ipVersion("[2001:db8::7]:443")).isEqualTo("ipv6");
        assertThat(PitayaServer.ipVersion("fe80::1")).isEqualTo("ipv6");
        assertThat(PitayaServer.ipVersion("localhost:80")).isEqualTo("ipv4");
        assertThat(PitayaServer.ipVersion(null)).isEqualTo("ipv4");
    }

    @Test
    void theHandshakeAnnouncesTheDictionaryAndTheSerializer() {
        TestServer server = TestServer.builder()
                .dictionary(RouteDictionary.of(Map.of("svc.ping", 1, "onMessage", 2)))
                .handler(new Svc())
                .start();
        try {
            TestClient client = server.connect();
            client.handshake();
            assertThat(io.pitaya.protocol.Hex.text(client.nextPacket().body())).isEqualTo(
                    "{\"code\":200,\"sys\":{\"dict\":{\"onMessage\":2,\"svc.ping\":1},\"heartbeat\":30,\"serializer\":\"json\"}}");
            client.ack();

            client.data(io.pitaya.protocol.Hex.bytes("01 05 0001 7b7d")); // request id 5, route code 1
            assertThat(client.response(5)).isEqualTo("\"pong\"");

            client.session().push("onMessage", "x");
            assertThat(io.pitaya.protocol.Hex.hex(client.nextFrame())).isEqualTo("04000006" + "07" + "0002" + "227822");
        } finally {
            server.close();
        }
    }
}
