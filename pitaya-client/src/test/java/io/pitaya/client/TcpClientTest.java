package io.pitaya.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitaya.protocol.handshake.HandshakeResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.pitaya.client.Wire.DATA;
import static io.pitaya.client.Wire.hex;
import static io.pitaya.client.Wire.str;
import static io.pitaya.client.Wire.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** Exercises the client over real TCP sockets against a hand-driven fake Pitaya server. */
@Timeout(30)
class TcpClientTest {

    private static final long WAIT = ScriptedServer.TIMEOUT_MS;

    private ScriptedServer server;
    private PitayaClient client;
    private final RecordingConnectionListener events = new RecordingConnectionListener();

    @BeforeEach
    void startServer() throws IOException {
        server = ScriptedServer.start();
    }

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private PitayaClient.Builder builder() {
        return PitayaClient.builder().connectionListener(events);
    }

    private PitayaClient connect(PitayaClient.Builder b, String handshakeJson) throws Exception {
        client = b.build();
        CompletableFuture<HandshakeResponse> f = client.connectAsync(server.uri());
        server.handshakeAndAck(handshakeJson);
        f.get(WAIT, TimeUnit.MILLISECONDS);
        return client;
    }

    private PitayaClient connect() throws Exception {
        return connect(builder(), ScriptedServer.DEFAULT_HANDSHAKE);
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(WAIT, TimeUnit.MILLISECONDS);
    }

    private static PitayaClientException failure(CompletableFuture<?> f) throws Exception {
        try {
            f.get(WAIT, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(PitayaClientException.class);
            return (PitayaClientException) e.getCause();
        }
        return fail("future completed normally");
    }

    // ------------------------------------------------------------------ handshake

    @Test
    void handshakeSendsDefaultSysFieldsThenAck() throws Exception {
        client = builder().build();
        CompletableFuture<HandshakeResponse> f = client.connectAsync(server.uri());
        JsonNode hello = server.handshake(utf8(ScriptedServer.DEFAULT_HANDSHAKE));
        server.expectAck();
        HandshakeResponse hs = await(f);

        assertThat(hello.path("sys").path("platform").asText()).isEqualTo("java");
        assertThat(hello.path("sys").path("libVersion").asText()).isEqualTo("0.1.0");
        assertThat(hello.path("sys").path("clientBuildNumber").asText()).isEqualTo("1");
        assertThat(hello.path("sys").path("clientVersion").asText()).isEqualTo("0.1");
        assertThat(hello.path("sys").path("platform").isTextual()).isTrue();
        assertThat(hs.code()).isEqualTo(200);
        assertThat(hs.heartbeatSeconds()).isEqualTo(30);
        assertThat(hs.serializer()).isEqualTo("json");
        assertThat(client.isConnected()).isTrue();
        assertThat(client.handshake()).isEqualTo(hs);
        assertThat(events.next()).isEqualTo("connected");
    }

    @Test
    void handshakeCarriesCustomSysAndUserData() throws Exception {
        client = builder().platform("mac").libVersion("4.6.2").clientBuildNumber("20").clientVersion("2.1")
                .handshakeUser("age", 30).handshakeUser("name", "bob").build();
        CompletableFuture<HandshakeResponse> f = client.connectAsync(server.uri());
        JsonNode hello = server.handshake(utf8(ScriptedServer.DEFAULT_HANDSHAKE));
        server.expectAck();
        await(f);

        assertThat(hello.path("sys").path("platform").asText()).isEqualTo("mac");
        assertThat(hello.path("sys").path("libVersion").asText()).isEqualTo("4.6.2");
        assertThat(hello.path("sys").path("clientBuildNumber").asText()).isEqualTo("20");
        assertThat(hello.path("sys").path("clientVersion").asText()).isEqualTo("2.1");
        assertThat(hello.path("user").path("age").asInt()).isEqualTo(30);
        assertThat(hello.path("user").path("name").asText()).isEqualTo("bob");
    }

    @Test
    void handshakeRejectionFailsConnectWithTheCode() throws Exception {
        client = builder().build();
        CompletableFuture<HandshakeResponse> f = client.connectAsync(server.uri());
        server.handshake(utf8("{\"code\":400,\"sys\":{\"dict\":{},\"heartbeat\":30,\"serializer\":\"json\"}}"));

        PitayaClientException e = failure(f);
        assertThat(e).isInstanceOf(PitayaHandshakeException.class);
        assertThat(((PitayaHandshakeException) e).handshakeCode()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("PIT-400");
        assertThat(client.isConnected()).isFalse();
        assertThat(server.awaitEof()).as("client hangs up").isTrue();
    }

    @Test
    void blockingConnectThrowsOnRejection() throws Exception {
        client = builder().build();
        CompletableFuture<Void> serverSide = CompletableFuture.runAsync(() -> {
            try {
                server.handshake(utf8("{\"code\":400,\"sys\":{\"heartbeat\":30}}"));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        assertThatThrownBy(() -> client.connect(server.uri()))
                .isInstanceOf(PitayaHandshakeException.class)
                .extracting(e -> ((PitayaHandshakeException) e).handshakeCode()).isEqualTo(400);
        await(serverSide);
        assertThatThrownBy(() -> client.connect(server.uri())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void connectTimesOutWhenServerNeverAnswersHandshake() throws Exception {
        client = builder().connectTimeout(Duration.ofMillis(300)).build();
        CompletableFuture<HandshakeResponse> f = client.connectAsync(server.uri());
        server.accept();
        assertThat(server.readPacket().type()).isEqualTo(Wire.HANDSHAKE);

        assertThat(failure(f).code()).isEqualTo(PitayaClientException.TIMEOUT);
        assertThat(server.awaitEof()).isTrue();
        assertThat(events.events).as("no close event for a client that never connected").isEmpty();
    }

    @Test
    void theConnectTimeoutDoesNotCloseAConnectedClient() throws Exception {
        connect(builder().connectTimeout(Duration.ofMillis(200)), ScriptedServer.DEFAULT_HANDSHAKE);
        assertThat(events.next()).isEqualTo("connected");

        Thread.sleep(600); // well past the connect timeout

        assertThat(client.isConnected()).isTrue();
        assertThat(events.events).as("no close event").isEmpty();
    }

    @Test
    void connectRefusedFailsWithConnectFailed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        client = builder().build();
        assertThatThrownBy(() -> client.connect(URI.create("tcp://127.0.0.1:" + port)))
                .isInstanceOf(PitayaClientException.class)
                .extracting(e -> ((PitayaClientException) e).code()).isEqualTo(PitayaClientException.CONNECT_FAILED);
    }

    @Test
    void unsupportedSchemeIsRejected() {
        client = builder().build();
        assertThatThrownBy(() -> client.connectAsync(URI.create("http://localhost:1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zlibHandshakeWithDictionaryCompressesRoutes() throws Exception {
        String hs = "{\"code\":200,\"sys\":{\"dict\":{\"room.room.join\":3,\"onMessage\":4},"
                + "\"heartbeat\":30,\"serializer\":\"json\"}}";
        client = builder().build();
        BlockingQueue<String> pushes = new LinkedBlockingQueue<>();
        client.onPush("onMessage", (route, data) -> pushes.add(route + " " + str(data)));
        CompletableFuture<HandshakeResponse> f = client.connectAsync(server.uri());
        server.handshake(Wire.zlib(utf8(hs)));
        server.expectAck();
        assertThat(await(f).heartbeatSeconds()).isEqualTo(30);

        CompletableFuture<Response> r = client.request("room.room.join", utf8("{}"));
        Wire.ClientMessage m = server.readMessage();
        assertThat(m.flag()).isEqualTo(0x01); // request | route compressed
        assertThat(m.routeCode()).isEqualTo(3);
        assertThat(m.id()).isEqualTo(1);
        assertThat(str(m.payload())).isEqualTo("{}");
        server.sendPacket(DATA, Wire.response(m.id(), utf8("ok"), 0));
        assertThat(await(r).dataAsString()).isEqualTo("ok");

        // routes outside the dictionary stay strings
        client.request("other.route", new byte[0]);
        Wire.ClientMessage m2 = server.readMessage();
        assertThat(m2.routeCompressed()).isFalse();
        assertThat(m2.route()).isEqualTo("other.route");

        // compressed push route (PROTOCOL.md vector: push, dict code 4)
        server.send(hex("0400001e 07 0004 7b226e616d65223a2261222c22636f6e74656e74223a226869227d"));
        assertThat(pushes.poll(WAIT, TimeUnit.MILLISECONDS)).isEqualTo("onMessage {\"name\":\"a\",\"content\":\"hi\"}");
    }

    // ------------------------------------------------------------------ requests

    @Test
    void requestMatchesProtocolVectorAndResponsesMatchById() throws Exception {
        connect();
        CompletableFuture<Response> first = client.request("room.room.join", utf8("{}"));
        // PROTOCOL.md §2 vector: request id=1 route "room.room.join" body {}
        assertThat(server.readRaw(23)).isEqualTo(hex("040000130001 0e 726f6f6d2e726f6f6d2e6a6f696e 7b7d"));
        CompletableFuture<Response> second = client.request("room.room.leave", utf8("{}"));
        Wire.ClientMessage m2 = server.readMessage();
        assertThat(m2.id()).isEqualTo(2);
        assertThat(m2.type()).isZero();
        assertThat(m2.route()).isEqualTo("room.room.leave");

        // answer out of order
        server.sendPacket(DATA, Wire.response(2, utf8("second"), 0));
        server.send(hex("0400001f 04 01 7b22636f6465223a302c22726573756c74223a2273756363657373227d"));

        Response r1 = await(first);
        Response r2 = await(second);
        assertThat(r1.dataAsString()).isEqualTo("{\"code\":0,\"result\":\"success\"}");
        assertThat(r1.id()).isEqualTo(1);
        assertThat(r1.route()).isEqualTo("room.room.join");
        assertThat(r1.isError()).isFalse();
        assertThat(r1.error()).isNull();
        assertThat(r2.dataAsString()).isEqualTo("second");
    }

    @Test
    void compressedResponsePayloadIsInflated() throws Exception {
        connect();
        String big = "{\"msg\":\"" + "pong".repeat(200) + "\"}";
        CompletableFuture<Response> r = client.request("a.b.c", new byte[0]);
        Wire.ClientMessage m = server.readMessage();
        server.sendPacket(DATA, Wire.response(m.id(), Wire.zlib(utf8(big)), 0x10));
        assertThat(await(r).dataAsString()).isEqualTo(big);
    }

    @Test
    void errorResponseIsExposedAndParsed() throws Exception {
        connect();
        CompletableFuture<Response> r = client.request("connector.testsvc.nonexistenthandler", new byte[0]);
        Wire.ClientMessage m = server.readMessage();
        String err = "{\"code\":\"PIT-404\",\"msg\":\"pitaya/handler: connector.testsvc.nonexistenthandler not found\","
                + "\"metadata\":{\"k\":\"v\"}}";
        server.sendPacket(DATA, Wire.response(m.id(), utf8(err), 0x20));

        Response resp = await(r);
        assertThat(resp.isError()).isTrue();
        assertThat(resp.error().code()).isEqualTo("PIT-404");
        assertThat(resp.error().msg()).contains("not found");
        assertThat(resp.error().metadata()).containsEntry("k", "v");
        assertThatThrownBy(resp::orThrow).isInstanceOf(PitayaClientException.class)
                .satisfies(e -> {
                    assertThat(((PitayaClientException) e).code()).isEqualTo("PIT-404");
                    assertThat(((PitayaClientException) e).metadata()).containsEntry("k", "v");
                });
    }

    @Test
    void compressedErrorResponseIsInflatedAndParsed() throws Exception {
        connect();
        CompletableFuture<Response> r = client.request("a.b.c", new byte[0]);
        Wire.ClientMessage m = server.readMessage();
        server.sendPacket(DATA, Wire.response(m.id(), Wire.zlib(utf8("{\"code\":\"PIT-555\",\"msg\":\"somerror\"}")),
                0x30));
        Response resp = await(r);
        assertThat(resp.isError()).isTrue();
        assertThat(resp.error().code()).isEqualTo("PIT-555");
        assertThat(resp.error().msg()).isEqualTo("somerror");
    }

    @Test
    void requestTimeoutFailsWithPit504AndLateResponseIsIgnored() throws Exception {
        connect(builder().requestTimeout(Duration.ofMillis(200)), ScriptedServer.DEFAULT_HANDSHAKE);
        CompletableFuture<Response> r = client.request("slow.handler.call", new byte[0]);
        Wire.ClientMessage m = server.readMessage();

        PitayaClientException e = failure(r);
        assertThat(e.code()).isEqualTo("PIT-504");

        server.sendPacket(DATA, Wire.response(m.id(), utf8("late"), 0));
        CompletableFuture<Response> next = client.request("fast.handler.call", new byte[0], Duration.ofSeconds(5));
        Wire.ClientMessage m2 = server.readMessage();
        assertThat(m2.id()).isEqualTo(2);
        server.sendPacket(DATA, Wire.response(m2.id(), utf8("fast"), 0));
        assertThat(await(next).dataAsString()).isEqualTo("fast");
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void outgoingPayloadsAreCompressedWhenEnabled() throws Exception {
        connect(builder().compressPayloads(true), ScriptedServer.DEFAULT_HANDSHAKE);
        byte[] body = utf8("{\"text\":\"" + "a".repeat(1000) + "\"}");
        client.request("chat.room.say", body);
        Wire.ClientMessage m = server.readMessage();
        assertThat(m.payloadCompressed()).isTrue();
        assertThat(m.payload().length).isLessThan(body.length);
        assertThat(Wire.inflate(m.payload())).isEqualTo(body);
    }

    @Test
    void outgoingPayloadsAreNotCompressedByDefault() throws Exception {
        connect();
        byte[] body = utf8("{\"text\":\"" + "a".repeat(1000) + "\"}");
        client.request("chat.room.say", body);
        Wire.ClientMessage m = server.readMessage();
        assertThat(m.flag()).isZero();
        assertThat(m.payload()).isEqualTo(body);
    }

    @Test
    void notifyIsEncodedWithoutIdAndDoesNotConsumeRequestIds() throws Exception {
        connect();
        await(client.notify("room.room.message", utf8("{\"m\":1}")));
        Wire.ClientMessage n = server.readMessage();
        assertThat(n.flag()).isEqualTo(0x02);
        assertThat(n.route()).isEqualTo("room.room.message");
        assertThat(str(n.payload())).isEqualTo("{\"m\":1}");

        client.request("room.room.join", new byte[0]);
        assertThat(server.readMessage().id()).isEqualTo(1);
    }

    @Test
    void jsonConveniences() throws Exception {
        connect();
        record Join(String name, int level) {
        }
        CompletableFuture<Response> r = client.request("room.room.join", new Join("bob", 3));
        Wire.ClientMessage m = server.readMessage();
        assertThat(str(m.payload())).isEqualTo("{\"name\":\"bob\",\"level\":3}");
        server.sendPacket(DATA, Wire.response(m.id(), utf8("{\"name\":\"alice\",\"level\":7}"), 0));
        Response resp = await(r);
        assertThat(resp.as(Join.class)).isEqualTo(new Join("alice", 7));
        assertThat(resp.json().path("level").asInt()).isEqualTo(7);

        await(client.notify("room.room.ping", Map.of("n", 1)));
        assertThat(str(server.readMessage().payload())).isEqualTo("{\"n\":1}");
        client.request("raw.string.body", "{\"pre\":\"built\"}");
        assertThat(str(server.readMessage().payload())).isEqualTo("{\"pre\":\"built\"}");
    }

    @Test
    void requestsAndNotifiesFailWhenNotConnected() throws Exception {
        client = builder().build();
        assertThat(failure(client.request("a.b.c", new byte[0])).code()).isEqualTo("PIT-499");
        assertThatThrownBy(() -> client.notify("a.b.c", new byte[0])).isInstanceOf(PitayaClientException.class);
        assertThatThrownBy(() -> client.sendRaw(new byte[] {3, 0, 0, 0})).isInstanceOf(PitayaClientException.class);
        assertThat(client.isConnected()).isFalse();
    }

    @Test
    void concurrentRequestsFromManyThreadsAllComplete() throws Exception {
        connect();
        int n = 50;
        List<CompletableFuture<Response>> futures = new java.util.ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 5; t++) {
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < n / 5; i++) {
                    CompletableFuture<Response> f = client.request("echo.echo.echo", utf8("x"));
                    synchronized (futures) {
                        futures.add(f);
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        go.countDown();
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            Wire.ClientMessage m = server.readMessage();
            assertThat(ids.add(m.id())).as("unique id").isTrue();
            server.sendPacket(DATA, Wire.response(m.id(), utf8("r" + m.id()), 0));
        }
        for (Thread th : threads) {
            th.join(WAIT);
        }
        for (CompletableFuture<Response> f : futures) {
            Response r = await(f);
            assertThat(r.dataAsString()).isEqualTo("r" + r.id());
        }
        assertThat(ids).hasSize(n).allMatch(id -> id >= 1 && id <= n);
    }

    // ------------------------------------------------------------------ pushes and listeners

    @Test
    void pushesReachRouteAndCatchAllListenersOffTheIoThread() throws Exception {
        connect();
        BlockingQueue<String> specific = new LinkedBlockingQueue<>();
        BlockingQueue<String> all = new LinkedBlockingQueue<>();
        BlockingQueue<String> threads = new LinkedBlockingQueue<>();
        client.onPush("onMessage", (route, data) -> {
            specific.add(route + " " + str(data));
            threads.add(Thread.currentThread().getName());
        });
        Registration other = client.onPush("onOther", (route, data) -> specific.add("WRONG " + route));
        client.onPush((route, data) -> all.add(route + " " + str(data)));

        // PROTOCOL.md vector: push route "onMessage"
        server.send(hex("04000026 06 09 6f6e4d657373616765 7b226e616d65223a2261222c22636f6e74656e74223a226869227d"));
        server.sendPacket(DATA, Wire.push("onJoin", utf8("j")));

        assertThat(specific.poll(WAIT, TimeUnit.MILLISECONDS)).isEqualTo("onMessage {\"name\":\"a\",\"content\":\"hi\"}");
        assertThat(all.poll(WAIT, TimeUnit.MILLISECONDS)).isEqualTo("onMessage {\"name\":\"a\",\"content\":\"hi\"}");
        assertThat(all.poll(WAIT, TimeUnit.MILLISECONDS)).isEqualTo("onJoin j");
        assertThat(threads.poll(WAIT, TimeUnit.MILLISECONDS)).contains("listener").doesNotContain("tcp-reader");

        other.remove();
        server.sendPacket(DATA, Wire.push("onOther", utf8("x")));
        assertThat(all.poll(WAIT, TimeUnit.MILLISECONDS)).isEqualTo("onOther x");
        assertThat(specific).isEmpty();
    }

    @Test
    void compressedPushPayloadIsInflated() throws Exception {
        connect();
        BlockingQueue<String> all = new LinkedBlockingQueue<>();
        client.onPush((route, data) -> all.add(route + " " + str(data)));
        String big = "x".repeat(500);
        byte[] z = Wire.zlib(utf8(big));
        byte[] body = Wire.push("onBig", z);
        body[0] = 0x16; // push | compressed
        server.sendPacket(DATA, body);
        assertThat(all.poll(WAIT, TimeUnit.MILLISECONDS)).isEqualTo("onBig " + big);
    }

    @Test
    void slowListenerDoesNotStallResponses() throws Exception {
        connect();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        client.onPush("slow", (route, data) -> {
            entered.countDown();
            try {
                release.await(WAIT, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.sendPacket(DATA, Wire.push("slow", new byte[0]));
        assertThat(entered.await(WAIT, TimeUnit.MILLISECONDS)).isTrue();

        CompletableFuture<Response> r = client.request("a.b.c", new byte[0]);
        Wire.ClientMessage m = server.readMessage();
        server.sendPacket(DATA, Wire.response(m.id(), utf8("while blocked"), 0));
        assertThat(await(r).dataAsString()).isEqualTo("while blocked");
        release.countDown();
    }

    @Test
    void listenerMayBlockOnARequest() throws Exception {
        connect();
        BlockingQueue<String> results = new LinkedBlockingQueue<>();
        client.onPush("ask", (route, data) -> {
            try {
                results.add(client.request("reply.to.push", new byte[0]).get(WAIT, TimeUnit.MILLISECONDS)
                        .dataAsString());
            } catch (Exception e) {
                results.add("failed: " + e);
            }
        });
        server.sendPacket(DATA, Wire.push("ask", new byte[0]));
        Wire.ClientMessage m = server.readMessage();
        server.sendPacket(DATA, Wire.response(m.id(), utf8("answer"), 0));
        assertThat(results.poll(WAIT, TimeUnit.MILLISECONDS)).isEqualTo("answer");
    }

    @Test
    void throwingListenerDoesNotBreakDelivery() throws Exception {
        connect();
        BlockingQueue<String> all = new LinkedBlockingQueue<>();
        client.onPush((route, data) -> {
            throw new IllegalStateException("boom");
        });
        client.onPush((route, data) -> all.add(route));
        server.sendPacket(DATA, Wire.push("p1", new byte[0]));
        server.sendPacket(DATA, Wire.push("p2", new byte[0]));
        assertThat(all.poll(WAIT, TimeUnit.MILLISECONDS)).isEqualTo("p1");
        assertThat(all.poll(WAIT, TimeUnit.MILLISECONDS)).isEqualTo("p2");
    }

    // ------------------------------------------------------------------ framing

    @Test
    void coalescedAndSplitPacketsAreReassembled() throws Exception {
        connect();
        BlockingQueue<String> all = new LinkedBlockingQueue<>();
        client.onPush((route, data) -> all.add(route + " " + str(data)));
        CompletableFuture<Response> r1 = client.request("a.a.a", new byte[0]);
        CompletableFuture<Response> r2 = client.request("b.b.b", new byte[0]);
        CompletableFuture<Response> r3 = client.request("c.c.c", new byte[0]);
        server.readMessage();
        server.readMessage();
        server.readMessage();

        // three packets (plus a heartbeat) in one write
        server.send(Wire.concat(
                Wire.packet(DATA, Wire.response(1, utf8("one"), 0)),
                Wire.packet(Wire.HEARTBEAT, new byte[0]),
                Wire.packet(DATA, Wire.push("onTick", utf8("t"))),
                Wire.packet(DATA, Wire.response(2, utf8("two"), 0))));
        // one packet dribbled byte by byte
        byte[] third = Wire.packet(DATA, Wire.response(3, utf8("three"), 0));
        for (byte b : third) {
            server.send(new byte[] {b});
        }
        assertThat(await(r1).dataAsString()).isEqualTo("one");
        assertThat(await(r2).dataAsString()).isEqualTo("two");
        assertThat(await(r3).dataAsString()).isEqualTo("three");
        assertThat(all.poll(WAIT, TimeUnit.MILLISECONDS)).isEqualTo("onTick t");
    }

    @Test
    void sendRawWritesBytesUnchanged() throws Exception {
        connect();
        byte[] raw = hex("04 00 00 05 02 01 61 7b 7d");
        await(client.sendRaw(raw));
        assertThat(server.readRaw(raw.length)).isEqualTo(raw);
    }

    @Test
    void invalidPacketTypeClosesTheConnection() throws Exception {
        connect();
        CompletableFuture<Response> pending = client.request("a.b.c", new byte[0]);
        server.readMessage();
        server.send(hex("09 00 00 00"));
        assertThat(events.await("close:")).startsWith("close:protocol error");
        assertThat(failure(pending).code()).isEqualTo("PIT-499");
        assertThat(client.isConnected()).isFalse();
    }

    @Test
    void oversizedPacketIsRejected() throws Exception {
        connect(builder().maxPacketSize(100), ScriptedServer.DEFAULT_HANDSHAKE);
        server.sendPacket(DATA, Wire.push("onBig", new byte[200]));
        assertThat(events.await("close:")).startsWith("close:protocol error");
    }

    // ------------------------------------------------------------------ heartbeat, kick, close

    @Test
    void heartbeatsAreSentEveryInterval() throws Exception {
        connect(builder().heartbeatTimeoutFactor(10), "{\"code\":200,\"sys\":{\"dict\":{},\"heartbeat\":1,\"serializer\":\"json\"}}");
        long start = System.nanoTime();
        Wire.RawPacket p1 = server.readPacket();
        Wire.RawPacket p2 = server.readPacket();
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(p1.type()).isEqualTo(Wire.HEARTBEAT);
        assertThat(p1.body()).isEmpty();
        assertThat(p2.type()).isEqualTo(Wire.HEARTBEAT);
        assertThat(elapsedMs).as("two beats take about two intervals").isGreaterThanOrEqualTo(1000);
        server.sendPacket(Wire.HEARTBEAT, new byte[0]);
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void silentServerCausesHeartbeatTimeout() throws Exception {
        connect(builder().heartbeatTimeoutFactor(2),
                "{\"code\":200,\"sys\":{\"dict\":{},\"heartbeat\":1,\"serializer\":\"json\"}}");
        assertThat(events.next()).isEqualTo("connected");
        CompletableFuture<Response> pending = client.request("never.answered.here", new byte[0],
                Duration.ofSeconds(20));
        assertThat(events.next()).isEqualTo("close:heartbeat timeout");
        assertThat(failure(pending).code()).isEqualTo("PIT-499");
        assertThat(client.isConnected()).isFalse();
        assertThat(server.awaitEof()).isTrue();
    }

    @Test
    void serverTrafficKeepsTheConnectionAlive() throws Exception {
        connect(builder().heartbeatTimeoutFactor(2),
                "{\"code\":200,\"sys\":{\"dict\":{},\"heartbeat\":1,\"serializer\":\"json\"}}");
        // answer each client heartbeat for ~3 s, well past the 2 s timeout
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < end) {
            assertThat(server.readPacket().type()).isEqualTo(Wire.HEARTBEAT);
            server.sendPacket(Wire.HEARTBEAT, new byte[0]);
        }
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void kickFiresOnKickThenOnCloseAndFailsPendingRequests() throws Exception {
        connect();
        assertThat(events.next()).isEqualTo("connected");
        CompletableFuture<Response> pending = client.request("a.b.c", new byte[0]);
        server.readMessage();
        server.send(hex("05 00 00 00"));

        assertThat(events.next()).isEqualTo("kick");
        assertThat(events.next()).isEqualTo("close:kicked");
        assertThat(events.lastThread).contains("listener");
        PitayaClientException e = failure(pending);
        assertThat(e.code()).isEqualTo("PIT-499");
        assertThat(e.getMessage()).contains("connection closed");
        assertThat(client.isConnected()).isFalse();
        assertThat(server.awaitEof()).isTrue();
        assertThat(failure(client.request("a.b.c", new byte[0])).code()).isEqualTo("PIT-499");
    }

    @Test
    void serverCloseFailsPendingRequests() throws Exception {
        connect();
        assertThat(events.next()).isEqualTo("connected");
        CompletableFuture<Response> p1 = client.request("a.b.c", new byte[0]);
        CompletableFuture<Response> p2 = client.request("d.e.f", new byte[0]);
        server.readMessage();
        server.readMessage();
        server.closeConnection();

        assertThat(failure(p1).code()).isEqualTo("PIT-499");
        assertThat(failure(p2).code()).isEqualTo("PIT-499");
        assertThat(events.next()).isEqualTo("close:connection closed by server");
        assertThat(events.events.poll(100, TimeUnit.MILLISECONDS)).as("onClose fires once").isNull();
        assertThat(client.isConnected()).isFalse();
    }

    @Test
    void clientCloseFailsPendingAndIsIdempotent() throws Exception {
        connect();
        assertThat(events.next()).isEqualTo("connected");
        CompletableFuture<Response> pending = client.request("a.b.c", new byte[0]);
        server.readMessage();
        client.close();
        client.close();

        assertThat(failure(pending).code()).isEqualTo("PIT-499");
        assertThat(events.next()).isEqualTo("close:client closed");
        assertThat(events.events.poll(100, TimeUnit.MILLISECONDS)).isNull();
        assertThat(server.awaitEof()).isTrue();
        assertThatThrownBy(() -> client.connectAsync(server.uri())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void dataBeforeHandshakeIsAProtocolError() throws Exception {
        client = builder().build();
        CompletableFuture<HandshakeResponse> f = client.connectAsync(server.uri());
        server.accept();
        assertThat(server.readPacket().type()).isEqualTo(Wire.HANDSHAKE);
        server.sendPacket(DATA, Wire.push("early", new byte[0]));
        assertThat(failure(f).code()).isEqualTo(PitayaClientException.PROTOCOL_ERROR);
    }
}
