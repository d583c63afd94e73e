package io.pitaya.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitaya.protocol.handshake.HandshakeResponse;
import io.pitaya.testkit.ServerWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.pitaya.client.Wire.DATA;
import static io.pitaya.client.Wire.str;
import static io.pitaya.client.Wire.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The WebSocket transport against a minimal in-test RFC 6455 server. */
@Timeout(30)
class WebSocketClientTest {

    private static final long WAIT = ScriptedServer.TIMEOUT_MS;

    private ScriptedServer server;
    private PitayaClient client;
    private final RecordingConnectionListener events = new RecordingConnectionListener();
    private final BlockingQueue<String> pushes = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        server = ScriptedServer.webSocket();
        client = PitayaClient.builder().connectionListener(events)
                .onPush((route, data) -> pushes.add(route + " " + str(data))).build();
        CompletableFuture<HandshakeResponse> f = client.connectAsync(server.uri("/pitaya"));
        server.accept();
        Wire.RawPacket hello = server.readNonHeartbeat();
        assertThat(hello.type()).isEqualTo(Wire.HANDSHAKE);
        JsonNode json = new ObjectMapper().readTree(hello.body());
        assertThat(json.path("sys").path("platform").asText()).isEqualTo("java");
        server.sendBinary(Wire.packet(Wire.HANDSHAKE, utf8(ScriptedServer.DEFAULT_HANDSHAKE)));
        assertThat(server.readNonHeartbeat().type()).isEqualTo(Wire.ACK);
        assertThat(f.get(WAIT, TimeUnit.MILLISECONDS).heartbeatSeconds()).isEqualTo(30);
        assertThat(server.requestPath).isEqualTo("/pitaya");
        assertThat(events.next()).isEqualTo("connected");
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    @Test
    void requestResponseOneBinaryMessagePerPacket() throws Exception {
        CompletableFuture<Response> r = client.request("room.room.join", utf8("{}"));
        Wire.RawPacket p = server.readNonHeartbeat(); // asserts binary opcode and exactly one packet
        Wire.ClientMessage m = Wire.ClientMessage.parse(p.body());
        assertThat(m.id()).isEqualTo(1);
        assertThat(m.route()).isEqualTo("room.room.join");
        server.sendBinary(Wire.packet(DATA, Wire.response(m.id(), utf8("joined"), 0)));
        assertThat(r.get(WAIT, TimeUnit.MILLISECONDS).dataAsString()).isEqualTo("joined");
    }

    @Test
    void severalPacketsInOneMessageAndMessagesSplitOverFragments() throws Exception {
        CompletableFuture<Response> r = client.request("a.b.c", new byte[0]);
        Wire.ClientMessage m = Wire.ClientMessage.parse(server.readNonHeartbeat().body());

        server.sendBinary(Wire.concat(
                Wire.packet(DATA, Wire.push("first", utf8("1"))),
                Wire.packet(Wire.HEARTBEAT, new byte[0]),
                Wire.packet(DATA, Wire.push("second", utf8("2")))));

        byte[] message = Wire.concat(
                Wire.packet(DATA, Wire.push("third", utf8("3"))),
                Wire.packet(DATA, Wire.response(m.id(), utf8("fragmented"), 0)));
        // split inside the header of the second packet and inside a body
        int a = 5;
        int b = Wire.packet(DATA, Wire.push("third", utf8("3"))).length + 2;
        server.writeFrame(false, 0x2, Arrays.copyOfRange(message, 0, a));
        server.writeFrame(false, 0x0, Arrays.copyOfRange(message, a, b));
        server.writeFrame(true, 0x0, Arrays.copyOfRange(message, b, message.length));

        assertThat(pushes.poll(WAIT, TimeUnit.MILLISECONDS)).isEqualTo("first 1");
        assertThat(pushes.poll(WAIT, TimeUnit.MILLISECONDS)).isEqualTo("second 2");
        assertThat(pushes.poll(WAIT, TimeUnit.MILLISECONDS)).isEqualTo("third 3");
        assertThat(r.get(WAIT, TimeUnit.MILLISECONDS).dataAsString()).isEqualTo("fragmented");
    }

    @Test
    void sendRawIsOneBinaryMessage() throws Exception {
        byte[] raw = Wire.packet(DATA, Wire.concat(new byte[] {0x02, 0x01, 'a'}, utf8("{}")));
        client.sendRaw(raw).get(WAIT, TimeUnit.MILLISECONDS);
        ServerWebSocket.Frame f = server.readWebSocketMessage();
        while (f.payload()[0] == Wire.HEARTBEAT) {
            f = server.readWebSocketMessage();
        }
        assertThat(f.opcode()).isEqualTo(0x2);
        assertThat(f.payload()).isEqualTo(raw);
    }

    @Test
    void kickOverWebSocket() throws Exception {
        CompletableFuture<Response> pending = client.request("a.b.c", new byte[0]);
        server.readNonHeartbeat();
        server.sendBinary(Wire.packet(Wire.KICK, new byte[0]));
        assertThat(events.next()).isEqualTo("kick");
        assertThat(events.next()).isEqualTo("close:kicked");
        assertThatThrownBy(() -> pending.get(WAIT, TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(PitayaClientException.class)
                .extracting(e -> ((PitayaClientException) e).code()).isEqualTo("PIT-499");
    }

    @Test
    void serverCloseFrameClosesClient() throws Exception {
        CompletableFuture<Response> pending = client.request("a.b.c", new byte[0]);
        server.readNonHeartbeat();
        server.sendClose(1000);
        assertThat(events.await("close:")).startsWith("close:connection closed by server");
        assertThatThrownBy(() -> pending.get(WAIT, TimeUnit.MILLISECONDS))
                .cause().isInstanceOf(PitayaClientException.class);
        assertThat(client.isConnected()).isFalse();
    }

    @Test
    void manyConcurrentSendsAreSerialised() throws Exception {
        int n = 40;
        java.util.List<CompletableFuture<Void>> sends = new java.util.ArrayList<>();
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = t;
            Thread th = new Thread(() -> {
                for (int i = 0; i < n / 4; i++) {
                    CompletableFuture<Void> f = client.notify("chat.room.say", utf8("m" + base + "-" + i));
                    synchronized (sends) {
                        sends.add(f);
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        java.util.Set<String> got = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            Wire.ClientMessage m = Wire.ClientMessage.parse(server.readNonHeartbeat().body());
            got.add(str(m.payload()));
        }
        for (Thread th : threads) {
            th.join(WAIT);
        }
        for (CompletableFuture<Void> f : sends) {
            f.get(WAIT, TimeUnit.MILLISECONDS);
        }
        assertThat(got).hasSize(n);
    }
}
