package io.pitaya.cluster.forward;

import io.pitaya.api.Handler;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Session;
import io.pitaya.cluster.config.SettingSource;
import io.pitaya.cluster.module.ClusterModule;
import io.pitaya.cluster.module.ClusterSettings;
import io.pitaya.cluster.testsupport.EtcdServer;
import io.pitaya.cluster.testsupport.Eventually.CountingThreads;
import io.pitaya.cluster.testsupport.NatsServer;
import io.pitaya.core.config.MapConfig;
import io.pitaya.core.module.ModuleContext;
import io.pitaya.core.router.RemoteForwarder;
import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.TestServer;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static io.pitaya.cluster.testsupport.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real Pitaya servers in one JVM, each with its cluster module, against real etcd and nats-server: a client of
 * the frontend ("connector") calls routes of the backend ("room").
 */
class ForwardingTest {

    @RegisterExtension
    static final EtcdServer ETCD = new EtcdServer();
    @RegisterExtension
    static final NatsServer NATS = new NatsServer();

    public record Joined(String joined, Object name, Object level) {
    }

    @Handler("room")
    public static class Room {
        public Joined join(Session session, Map<String, Object> in) {
            return new Joined(session.uid(), in.get("name"), session.get("level"));
        }

        public Map<String, Object> fail(Session session, Map<String, Object> in) {
            throw new PitayaException("GAME-42", "room is full", Map.of("room", "r1"));
        }

        public Map<String, Object> echo(Session session, Map<String, Object> in) {
            return in;
        }

        public void leave(Session session, Map<String, Object> in) {
            session.kick();
        }

        public Map<String, Object> shout(Session session, Map<String, Object> in) {
            session.push("room.onShout", Map.of("text", in.get("text")));
            return Map.of("ok", true);
        }
    }

    @Handler("entry")
    public static class Entry {
        public Map<String, Object> login(Session session, Map<String, Object> in) {
            session.bind((String) in.get("uid"));
            session.set("level", 7);
            return Map.of("ok", true);
        }

        public Map<String, Object> ping(Session session, Map<String, Object> in) {
            return Map.of("pong", session.uid());
        }
    }

    private final CountingThreads threads = new CountingThreads("cluster");
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final List<AutoCloseable> open = new ArrayList<>();
    private final String prefix = "fwd-" + UUID.randomUUID() + "/";
    /** count_servers as the frontend reports it, by server type. */
    private final Map<String, Integer> counted = new java.util.concurrent.ConcurrentHashMap<>();
    private final io.pitaya.core.metrics.MetricsReporter serverCounts = new io.pitaya.core.metrics.MetricsReporter() {
        @Override
        public void countServers(String serverType, int count) {
            counted.put(serverType, count);
        }
    };
    /** What the backend's tracer was given as the caller's span context, per route. */
    private final Map<String, Map<String, String>> propagated = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> rpcSpans = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final io.pitaya.core.tracing.Tracer frontendTracer = new io.pitaya.core.tracing.Tracer() {
        @Override
        public io.pitaya.core.tracing.TracedCall rpc(String route, String peerType, String peerId) {
            return new io.pitaya.core.tracing.TracedCall() {
                @Override
                public Map<String, String> carrier() {
                    return Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
                }

                @Override
                public void end(String code, String message) {
                    rpcSpans.add(route + " to " + peerType + " " + (code == null ? "ok" : code));
                }
            };
        }
    };
    private final io.pitaya.core.tracing.Tracer backendTracer = new io.pitaya.core.tracing.Tracer() {
        @Override
        public io.pitaya.core.tracing.TracedCall message(String route, io.pitaya.api.Session session, boolean request,
                                                         Map<String, String> parent) {
            propagated.put(route, parent);
            return io.pitaya.core.tracing.TracedCall.NONE;
        }
    };
    /** dropped_messages as the backend reports it, one entry per RPC request it took. */
    private final List<Long> dropped = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final io.pitaya.core.metrics.MetricsReporter backendMetrics = new io.pitaya.core.metrics.MetricsReporter() {
        @Override
        public void droppedMessages(long count) {
            dropped.add(count);
        }
    };
    private TestServer frontend;
    private TestServer backend;
    private ClusterModule frontendModule;
    private ClusterModule backendModule;

    @BeforeEach
    void startServers() {
        backend = TestServer.builder().type("room").pool(2).handler(new Room()).tracer(backendTracer)
                .metrics(backendMetrics).start();
        open.add(backend);
        backendModule = startModule(backend, false);
        AtomicReference<RemoteForwarder> forwarder = new AtomicReference<>();
        frontend = TestServer.builder().type("connector").pool(2).handler(new Entry()).metrics(serverCounts).tracer(frontendTracer)
                .remote((session, route, message) -> forwarder.get().forward(session, route, message)).start();
        open.add(frontend);
        frontendModule = startModule(frontend, true);
        forwarder.set(frontendModule.remoteForwarder().orElseThrow());
    }

    @AfterEach
    void stopAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        workers.shutdownNow();
    }

    @Test
    void aRequestIsAnsweredByTheBackendWithItsRequestIdAndTheSession() {
        TestClient client = loggedIn("u1");

        client.request(7, "room.room.join", "{\"name\":\"ann\"}");

        assertThat(client.response(7)).isEqualTo("{\"joined\":\"u1\",\"name\":\"ann\",\"level\":7}");
    }

    @Test
    void theBackendReportsItsSubscriptionsDroppedMessagesAsRequestsArrive() {
        TestClient client = loggedIn("u8");
        client.request(14, "room.room.join", "{\"name\":\"ann\"}");
        client.response(14);

        assertThat(dropped).isNotEmpty().allMatch(count -> count == 0); // a fast consumer: NATS dropped nothing
    }

    @Test
    void theRpcSpanContextTravelsToTheBackendAsPitayasOtelSpan() {
        TestClient client = loggedIn("u7");

        client.request(12, "room.room.join", "{\"name\":\"ann\"}");
        client.request(13, "room.room.fail", "{}");
        client.response(12);
        client.errorResponse(13);

        assertThat(propagated.get("room.room.join"))
                .isEqualTo(Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        within(Duration.ofSeconds(5), "both RPC spans ended", () -> rpcSpans.size() >= 2);
        assertThat(rpcSpans).contains("room.room.join to room ok", "room.room.fail to room GAME-42");
    }

    @Test
    void aRemoteErrorKeepsItsCodeAndMetadata() {
        TestClient client = loggedIn("u2");

        client.request(8, "room.room.fail", "{}");

        assertThat(client.errorResponse(8))
                .isEqualTo("{\"code\":\"GAME-42\",\"msg\":\"room is full\",\"metadata\":{\"room\":\"r1\"}}");
    }

    @Test
    void aBurstOfOneSessionIsAnsweredInOrder() {
        TestClient client = loggedIn("u3");

        for (int i = 1; i <= 50; i++) {
            client.request(100 + i, "room.room.echo", "{\"n\":" + i + "}");
        }

        for (int i = 1; i <= 50; i++) {
            assertThat(client.response(100 + i)).isEqualTo("{\"n\":" + i + "}");
        }
    }

    @Test
    void aPushFromTheBackendReachesTheClientOnTheFrontend() {
        TestClient client = loggedIn("u4");

        client.request(9, "room.room.shout", "{\"text\":\"hi\"}");

        List<Message> received = List.of(client.nextMessage(), client.nextMessage());
        assertThat(received).anySatisfy(m -> {
            assertThat(m.type()).isEqualTo(MessageType.PUSH);
            assertThat(m.route()).isEqualTo("room.onShout");
            assertThat(new String(m.data(), StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"hi\"}");
        });
        assertThat(received).anySatisfy(m -> assertThat(m.id()).isEqualTo(9));
    }

    @Test
    void aKickFromTheBackendKicksTheClientOnTheFrontend() {
        TestClient client = loggedIn("u7");

        client.notify("room.room.leave", "{}");

        assertThat(client.nextPacket().type()).isEqualTo(PacketType.KICK);
        within(Duration.ofSeconds(5), "the kicked connection closed", client::isClosed);
    }

    @Test
    void aServerTypeNobodyServesFailsAtOnce() {
        TestClient client = loggedIn("u5");

        client.request(10, "chat.room.join", "{}");

        assertThat(client.errorResponse(10)).contains("PIT-500").contains("no servers available of this type");
    }

    @Test
    void whileNatsIsDownLocalRoutesAreServedForwardedOnesFailAtOnceAndBothRecover() throws Exception {
        TestClient client = loggedIn("u10");

        NATS.stop();
        try {
            within(Duration.ofSeconds(5), "the frontend notices", () -> !frontendModule.natsConnected());
            long start = System.nanoTime();
            client.request(30, "room.room.echo", "{\"n\":1}");
            assertThat(client.errorResponse(30)).contains("PIT-500");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no waiting for the request timeout")
                    .isLessThan(Duration.ofSeconds(1));

            client.request(31, "connector.entry.ping", "{}");
            assertThat(client.response(31)).as("a local route").isEqualTo("{\"pong\":\"u10\"}");
        } finally {
            NATS.start();
        }

        within(Duration.ofSeconds(10), "both modules reconnect",
                () -> frontendModule.natsConnected() && backendModule.natsConnected());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Message answer;
        long id = 32;
        do { // reconnected, the backend's subscription may still be on its way to nats-server
            client.request(++id, "room.room.echo", "{\"n\":2}");
            answer = client.nextMessage();
        } while (answer.error() && System.nanoTime() < deadline);
        assertThat(new String(answer.data(), StandardCharsets.UTF_8)).as("forwarded again").isEqualTo("{\"n\":2}");
    }

    @Test
    void aBackendThatLeftEtcdBeforeItsDrainGetsNoNewMessages() {
        TestClient client = loggedIn("u6");

        backendModule.beforeSessionsDrain();

        within(Duration.ofSeconds(5), "the room is gone from the frontend's discovery", () -> !discovered(frontendModule));
        client.request(11, "room.room.join", "{\"name\":\"bob\"}");
        assertThat(client.errorResponse(11)).contains("PIT-500").contains("no servers available of this type");
    }

    @Test
    void theFrontendReportsHowManyServersOfEachTypeItKnows() {
        within(Duration.ofSeconds(5), "both types counted", () -> counted.size() == 2);
        assertThat(counted).isEqualTo(Map.of("connector", 1, "room", 1));

        backendModule.beforeSessionsDrain();

        within(Duration.ofSeconds(5), "the room left", () -> counted.get("room") == 0);
    }

    @Test
    void readyWhileConnectedAndRegisteredNotRegisteredOnceItLeftEtcd() {
        assertThat(backendModule.natsConnected()).isTrue();
        assertThat(backendModule.registered()).isTrue();

        backendModule.beforeSessionsDrain();

        assertThat(backendModule.registered()).as("left etcd before its drain").isFalse();
        assertThat(backendModule.natsConnected()).as("still serves its players' messages").isTrue();
        backendModule.stop();
        assertThat(backendModule.natsConnected()).isFalse();
    }

    @Test
    void stoppedModulesEndEveryThreadTheyMade() {
        assertThat(threads.created()).isPositive();

        backendModule.stop();
        frontendModule.stop();

        within(Duration.ofSeconds(5), "the modules' threads ended", () -> threads.alive() == 0);
    }

    private TestClient loggedIn(String uid) {
        TestClient client = frontend.connect().ready();
        client.request(1, "connector.entry.login", "{\"uid\":\"" + uid + "\"}");
        assertThat(client.response(1)).isEqualTo("{\"ok\":true}");
        return client;
    }

    private ClusterModule startModule(TestServer server, boolean isFrontend) {
        Map<String, String> keys = Map.of(
                ClusterSettings.ENABLED, "true",
                ClusterSettings.FRONTEND, String.valueOf(isFrontend),
                "pitaya.cluster.sd.etcd.endpoints", ETCD.endpoint(),
                "pitaya.cluster.sd.etcd.prefix", prefix,
                "pitaya.cluster.sd.etcd.shutdown.delay", "0s",
                "pitaya.cluster.rpc.client.nats.connect", NATS.url(),
                "pitaya.cluster.rpc.server.nats.connect", NATS.url(),
                "pitaya.cluster.rpc.client.nats.requesttimeout", "3s");
        ClusterModule module = new ClusterModule(ClusterSettings.from(SettingSource.of(keys)),
                new ModuleContext(new MapConfig(keys), server.server(), server.serializer(), threads, workers),
                UUID.randomUUID().toString());
        module.start();
        open.add(module::stop);
        if (isFrontend) {
            within(Duration.ofSeconds(5), "the backend is discovered", () -> discovered(module));
        }
        return module;
    }

    private static boolean discovered(ClusterModule module) {
        return module.discovery().map(d -> !d.serversOfType("room").isEmpty()).orElse(false);
    }
}
