package io.pitaya.cluster.rpc;

import com.google.protobuf.ByteString;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.pitaya.api.PitayaException;
import io.pitaya.cluster.config.SettingSource;
import io.pitaya.cluster.context.PropagatedContext;
import io.pitaya.cluster.protos.KickAnswer;
import io.pitaya.cluster.protos.KickMsg;
import io.pitaya.cluster.protos.Msg;
import io.pitaya.cluster.protos.Push;
import io.pitaya.cluster.protos.RPCType;
import io.pitaya.cluster.protos.Request;
import io.pitaya.cluster.protos.Response;
import io.pitaya.cluster.protos.Session;
import io.pitaya.cluster.server.ServerDescriptor;
import io.pitaya.cluster.testsupport.Eventually.CountingThreads;
import io.pitaya.cluster.testsupport.NatsServer;
import io.pitaya.cluster.testsupport.TestSettings;
import io.pitaya.protocol.proto.Error;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.pitaya.cluster.testsupport.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pitaya's NATS RPC between two servers through a real nats-server. */
class NatsRpcTest {

    @RegisterExtension
    static final NatsServer NATS = new NatsServer();

    private static ExecutorService workers;
    private static ExecutorService callbacks;

    private final CountingThreads natsThreads = new CountingThreads("nats");
    private final List<AutoCloseable> open = new ArrayList<>();
    private final ServerDescriptor connector = ServerDescriptor.create("connector", true, Map.of(), "h");
    private final ServerDescriptor room = ServerDescriptor.create("room", false, Map.of(), "h");

    @BeforeAll
    static void executors() {
        workers = Executors.newFixedThreadPool(4, new CountingThreads("worker"));
        callbacks = Executors.newFixedThreadPool(2, new CountingThreads("callback"));
    }

    @AfterAll
    static void stopExecutors() {
        workers.shutdownNow();
        callbacks.shutdownNow();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void requestAndReplyBetweenTwoServers() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        serve(room, Map.of(), request -> {
            seen.add(Thread.currentThread().getName() + " " + request.getMsg().getReply());
            // answered a little later, so that the caller's continuation below is attached before completion
            return CompletableFuture.supplyAsync(() -> Response.newBuilder()
                    .setData(ByteString.copyFromUtf8("joined " + request.getSession().getUid())).build(),
                    CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
        });
        NatsRpcClient client = client(Map.of());
        String[] completedOn = new String[1];

        Response response = client.request(room, sysRequest("room.room.join"))
                .whenComplete((r, f) -> completedOn[0] = Thread.currentThread().getName())
                .toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(response.getData().toStringUtf8()).isEqualTo("joined u1");
        assertThat(seen.poll(1, TimeUnit.SECONDS)).startsWith("worker-").contains(" _INBOX.");
        assertThat(completedOn[0]).startsWith("callback-");
    }

    @Test
    void thePeersErrorArrivesWithItsCodeAndMetadata() {
        serve(room, Map.of(), request -> {
            if (request.getMsg().getRoute().endsWith("nothing")) {
                return null;
            }
            if (request.getMsg().getRoute().endsWith("nocode")) {
                return CompletableFuture.completedFuture(Response.newBuilder()
                        .setError(Error.newBuilder().setMsg("plain")).build());
            }
            throw new PitayaException("PIT-404", "route not found", Map.of("route", request.getMsg().getRoute()));
        });
        NatsRpcClient client = client(Map.of());

        assertThat(failure(client.request(room, userRequest("room.remote.missing"))))
                .satisfies(e -> assertThat(e.code()).isEqualTo("PIT-404"))
                .satisfies(e -> assertThat(e.metadata()).containsEntry("route", "room.remote.missing"))
                .hasMessage("route not found");
        assertThat(failure(client.request(room, userRequest("room.remote.nocode"))).code()).isEqualTo("PIT-000");
        assertThat(failure(client.request(room, userRequest("room.remote.nothing"))))
                .satisfies(e -> assertThat(e.code()).isEqualTo("PIT-000")).hasMessageContaining("no stage");
    }

    @Test
    void aRequestNobodyAnswersEndsWithPit408AfterItsTimeout() {
        serve(room, Map.of(), request -> new CompletableFuture<>());
        NatsRpcClient client = client(Map.of());
        Request request = sysRequest("room.room.slow").toBuilder().setMetadata(ByteString.copyFrom(
                PropagatedContext.empty().withRequestTimeout(Duration.ofMillis(400)).encode())).build();

        long start = System.nanoTime();
        PitayaException e = failure(client.request(room, request));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(e.code()).isEqualTo("PIT-408");
        assertThat(e).hasMessage("rpc client: request timeout");
        assertThat(e.metadata()).containsEntry("timeout", "400ms").containsEntry("route", "room.room.slow")
                .containsEntry("server", connector.id()).containsEntry("peer.id", room.id());
        assertThat(took).isBetween(Duration.ofMillis(390), Duration.ofSeconds(3));
    }

    @Test
    void aServerThatIsGoneFailsAtOnceWithoutWaitingForTheTimeout() {
        NatsRpcClient client = client(Map.of("requesttimeout", "30s"));

        PitayaException e = failure(client.request(room, sysRequest("room.room.join")));

        assertThat(e.code()).isEqualTo("PIT-000");
        assertThat(e).hasMessageContaining("no responders");
    }

    @Test
    void malformedMessagesAreDroppedLoggedOnceAndTheServerKeepsServing() throws Exception {
        List<String> served = new CopyOnWriteArrayList<>();
        serve(room, Map.of(), request -> {
            served.add(request.getMsg().getRoute());
            return CompletableFuture.completedFuture(Response.newBuilder().setData(ByteString.copyFromUtf8("ok")).build());
        });
        NatsRpcClient client = client(Map.of());
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Logger serverLog = Logger.getLogger(NatsRpcServer.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        serverLog.addHandler(capture);
        try (Connection raw = Nats.connect(NATS.url())) {
            for (int i = 0; i < 50; i++) {
                raw.publish(Subjects.rpc(room), "junk".getBytes(StandardCharsets.UTF_8));
            }
            CompletableFuture<?> noMsg = raw.requestWithTimeout(Subjects.rpc(room),
                    Request.newBuilder().setType(RPCType.User).build().toByteArray(), Duration.ofMillis(300));
            assertThatThrownBy(() -> noMsg.get(2, TimeUnit.SECONDS)).as("no answer: the caller times out")
                    .isInstanceOf(Exception.class);

            Response response = client.request(room, userRequest("room.remote.ping")).toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);

            assertThat(response.getData().toStringUtf8()).isEqualTo("ok");
        } finally {
            serverLog.removeHandler(capture);
        }
        assertThat(served).as("only the well-formed request reached the handler").containsExactly("room.remote.ping");
        assertThat(warnings).as("51 dropped, one line logged (at most one per 10 s)").singleElement()
                .satisfies(r -> assertThat(r.getMessage())
                        .isEqualTo("dropped a malformed RPC message on " + Subjects.rpc(room)));
    }

    @Test
    void aFullQueueAnswersAnErrorInsteadOfBlocking() throws Exception {
        List<CompletableFuture<Response>> held = new CopyOnWriteArrayList<>();
        serve(room, Map.of("services", "1", "buffer.messages", "1"), request -> {
            CompletableFuture<Response> later = new CompletableFuture<>();
            held.add(later);
            return later;
        });
        NatsRpcClient client = client(Map.of());
        CompletionStage<Response> first = client.request(room, userRequest("room.remote.a"));
        CompletionStage<Response> second = client.request(room, userRequest("room.remote.b"));
        within(Duration.ofSeconds(5), "two requests taken", () -> held.size() == 2);

        PitayaException refused = failure(client.request(room, userRequest("room.remote.c")));
        held.forEach(f -> f.complete(Response.newBuilder().setData(ByteString.copyFromUtf8("done")).build()));

        assertThat(refused.code()).isEqualTo("PIT-500");
        assertThat(refused).hasMessageContaining("too many requests");
        assertThat(first.toCompletableFuture().get(5, TimeUnit.SECONDS).getData().toStringUtf8()).isEqualTo("done");
        assertThat(second.toCompletableFuture().get(5, TimeUnit.SECONDS).getData().toStringUtf8()).isEqualTo("done");
    }

    @Test
    void pushesKicksAndBindingsReachTheFrontendOnWorkerThreads() throws Exception {
        NatsRpcServer frontend = serve(connector, Map.of(), request -> new CompletableFuture<>());
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        AutoCloseable user = frontend.subscribeUser("u1", new UserMessageHandler() {
            @Override
            public void push(Push push) {
                events.add(Thread.currentThread().getName().replaceAll("-\\d+$", "") + " push " + push.getRoute()
                        + " " + push.getData().toStringUtf8());
            }

            @Override
            public boolean kick(KickMsg kick) {
                events.add("kick " + kick.getUserId());
                return true;
            }
        });
        frontend.subscribeBindings(b -> events.add("bind " + b.getUid() + " " + b.getFid()));
        ServerDescriptor otherFrontend = ServerDescriptor.create("connector", true, Map.of(), "h");
        NatsRpcClient backend = client(otherFrontend, Map.of());

        backend.sendPush("connector", Push.newBuilder().setRoute("onMessage").setUid("u1")
                .setData(ByteString.copyFromUtf8("{\"m\":1}")).build());
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("worker push onMessage {\"m\":1}");
        backend.sendKick("connector", KickMsg.newBuilder().setUserId("u1").build());
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("kick u1");
        backend.broadcastBind("u1");
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("bind u1 " + otherFrontend.id());
        try (Connection raw = Nats.connect(NATS.url())) {
            KickAnswer answer = KickAnswer.parseFrom(raw.request(Subjects.userKick("connector", "u1"),
                    KickMsg.newBuilder().setUserId("u1").build().toByteArray(), Duration.ofSeconds(5)).getData());
            assertThat(answer.getKicked()).isTrue();
        }
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("kick u1");

        user.close();
        backend.sendPush("connector", Push.newBuilder().setRoute("late").setUid("u1").build());
        assertThat(events.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void whileNatsIsDownRequestsFailFastAndEverythingRecoversWhenItReturns() throws Exception {
        serve(room, Map.of(), request -> CompletableFuture.completedFuture(
                Response.newBuilder().setData(ByteString.copyFromUtf8("ok")).build()));
        NatsRpcClient client = client(Map.of("requesttimeout", "10s"));

        NATS.stop();
        within(Duration.ofSeconds(5), "the client notices", () -> !client.connected());
        long start = System.nanoTime();
        PitayaException down = failure(client.request(room, userRequest("room.remote.ping")));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        NATS.start();

        assertThat(down.code()).isEqualTo("PIT-500");
        assertThat(took).isLessThan(Duration.ofSeconds(1));
        within(Duration.ofSeconds(10), "both reconnect", () -> client.connected() && open.stream()
                .filter(NatsRpcServer.class::isInstance).allMatch(s -> ((NatsRpcServer) s).connected()));
        // connected, the server's subscription may still be on its way to nats-server ("no responders" until then)
        within(Duration.ofSeconds(10), "a request is served again", () -> {
            try {
                return "ok".equals(client.request(room, userRequest("room.remote.ping")).toCompletableFuture()
                        .join().getData().toStringUtf8());
            } catch (CompletionException e) {
                return false;
            }
        });
    }

    @Test
    void closeEndsEveryNatsThread() throws Exception {
        NatsRpcServer server = serve(room, Map.of(), request -> new CompletableFuture<>());
        NatsRpcClient client = client(Map.of());
        assertThat(natsThreads.created()).isPositive();

        open.remove(server);
        open.remove(client);
        server.close();
        client.close();

        try {
            within(Duration.ofSeconds(5), "NATS threads ended", () -> natsThreads.alive() == 0);
        } catch (AssertionError e) {
            throw new AssertionError(natsThreads.toString(), e);
        }
    }

    private NatsRpcServer serve(ServerDescriptor self, Map<String, String> overrides, RequestHandler handler) {
        NatsRpcServer server = NatsRpcServer.start(self, NatsServerSettings.from(settings(
                NatsServerSettings.PREFIX, overrides)), handler, workers, natsThreads);
        open.add(server);
        within(Duration.ofSeconds(5), "server connected", server::connected);
        return server;
    }

    private NatsRpcClient client(Map<String, String> overrides) {
        return client(connector, overrides);
    }

    private NatsRpcClient client(ServerDescriptor self, Map<String, String> overrides) {
        NatsRpcClient client = NatsRpcClient.start(self, NatsClientSettings.from(settings(
                NatsClientSettings.PREFIX, overrides)), callbacks, natsThreads);
        open.add(client);
        within(Duration.ofSeconds(5), "client connected", client::connected);
        return client;
    }

    private static SettingSource settings(String prefix, Map<String, String> overrides) {
        return TestSettings.under(prefix, Map.of("connect", NATS.url(), "reconnectwait", "100ms",
                "maxreconnectionretries", "100"), overrides);
    }

    private Request sysRequest(String route) {
        return Request.newBuilder().setType(RPCType.Sys)
                .setSession(Session.newBuilder().setId(1).setUid("u1"))
                .setMsg(Msg.newBuilder().setId(7).setRoute(route).setData(ByteString.copyFromUtf8("{}")))
                .setFrontendID(connector.id()).setMetadata(ByteString.copyFrom(PropagatedContext.empty().encode()))
                .build();
    }

    private static Request userRequest(String route) {
        return Request.newBuilder().setType(RPCType.User).setMsg(Msg.newBuilder().setRoute(route))
                .setMetadata(ByteString.copyFrom(PropagatedContext.empty().encode())).build();
    }

    private static PitayaException failure(CompletionStage<Response> stage) {
        try {
            stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(PitayaException.class);
            return (PitayaException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the request succeeded");
    }

}
