package io.pitaya.cluster.remote;

import com.google.protobuf.StringValue;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Remote;
import io.pitaya.cluster.config.SettingSource;
import io.pitaya.cluster.discovery.EtcdServiceDiscovery;
import io.pitaya.cluster.discovery.EtcdSettings;
import io.pitaya.cluster.server.ServerDescriptor;
import io.pitaya.cluster.testsupport.EtcdServer;
import io.pitaya.cluster.testsupport.NatsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * User RPCs byte for byte as Go Pitaya sends and answers them (PROTOCOL.md §7): hand-encoded {@code protos.Request}
 * and {@code protos.Response} on a raw NATS connection, against a real server of ours on both sides.
 */
class GoUserRpcWireTest {

    @RegisterExtension
    static final EtcdServer ETCD = new EtcdServer();
    @RegisterExtension
    static final NatsServer NATS = new NatsServer();

    @Remote("game")
    public static class Game {
        public StringValue greet(StringValue name) {
            return StringValue.of("hello " + name.getValue());
        }

        public StringValue fail() {
            throw new PitayaException("GAME-42", "table is full", Map.of("table", "t1"));
        }
    }

    private RemoteNodes nodes;
    private Connection raw;

    @BeforeEach
    void start() throws Exception {
        nodes = new RemoteNodes(ETCD, NATS);
        raw = Nats.connect(NATS.url());
    }

    @AfterEach
    void stop() throws Exception {
        raw.close();
        nodes.close();
    }

    // --- serving: what a Go server's app.RPCTo sends, what it expects back ------------------------------------

    /** A Go frontend "connector" with id "c1" calling {@code route}, with default timeout 5 s. */
    private static byte[] goRequest(String route, byte[] argument) {
        byte[] metadata = ascii("{\"peer.id\":\"c1\",\"peer.service\":\"connector\",\"reqTimeout\":\"5s\"}");
        byte[] msg = argument.length == 0
                ? bytes(0x12, route.length(), ascii(route))
                : bytes(0x12, route.length(), ascii(route), 0x1a, argument.length, argument);
        return bytes(0x08, 0x01, 0x1a, msg.length, msg, 0x22, 0x02, ascii("c1"), 0x2a, metadata.length, metadata);
    }

    private byte[] answer(String serverId, byte[] request) throws Exception {
        Message reply = raw.request("pitaya/servers/game/" + serverId, request, Duration.ofSeconds(5));
        assertThat(reply).as("an answer").isNotNull();
        return reply.getData();
    }

    @Test
    void aGoRequestWithAProtobufArgumentIsAnsweredWithResponseData() throws Exception {
        RemoteNodes.Node game = nodes.start("game", false, new Game());

        byte[] response = answer(game.id(), goRequest("game.game.greet", bytes(0x0a, 0x03, ascii("ann"))));

        // Response{data = StringValue{"hello ann"}}
        assertThat(response).containsExactly(bytes(0x0a, 0x0b, 0x0a, 0x09, ascii("hello ann")));
    }

    @Test
    void theCallersSpanContextInOtelSpanIsTheParentOfTheServedCallsSpan() throws Exception {
        Map<String, Map<String, String>> parents = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.List<String> ended = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.pitaya.core.tracing.Tracer tracer = new io.pitaya.core.tracing.Tracer() {
            @Override
            public io.pitaya.core.tracing.TracedCall remote(String route, Map<String, String> propagated) {
                parents.put(route, propagated);
                return new io.pitaya.core.tracing.TracedCall() {
                    @Override
                    public void end(String code, String message) {
                        ended.add(route + " " + (code == null ? "ok" : code));
                    }
                };
            }
        };
        RemoteNodes.Node game = nodes.start("game", false, tracer, new Game());
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        byte[] metadata = ascii("{\"peer.id\":\"c1\",\"otel-span\":{\"traceparent\":\"" + traceparent + "\"}}");
        String route = "game.game.greet";
        byte[] argument = bytes(0x0a, 0x03, ascii("ann"));
        byte[] msg = bytes(0x12, route.length(), ascii(route), 0x1a, argument.length, argument);
        byte[] request = bytes(0x08, 0x01, 0x1a, msg.length, msg, 0x22, 0x02, ascii("c1"), 0x2a, metadata.length, metadata);

        answer(game.id(), request);
        answer(game.id(), goRequest("game.game.fail", new byte[0]));

        assertThat(parents.get(route)).isEqualTo(Map.of("traceparent", traceparent));
        assertThat(parents.get("game.game.fail")).as("Go sent no span context").isEmpty();
        assertThat(ended).containsExactly("game.game.greet ok", "game.game.fail GAME-42");
    }

    @Test
    void aRemotesPitayaErrorIsAnsweredAsProtosError() throws Exception {
        RemoteNodes.Node game = nodes.start("game", false, new Game());

        byte[] response = answer(game.id(), goRequest("game.game.fail", new byte[0]));

        // Response{error = Error{code, msg, metadata{"table": "t1"}}}
        byte[] entry = bytes(0x0a, 0x05, ascii("table"), 0x12, 0x02, ascii("t1"));
        byte[] error = bytes(0x0a, 0x07, ascii("GAME-42"), 0x12, 0x0d, ascii("table is full"), 0x1a, entry.length, entry);
        assertThat(response).containsExactly(bytes(0x12, error.length, error));
    }

    @Test
    void anUnknownRemoteIsAnsweredAsGoesRouteNotFound() throws Exception {
        RemoteNodes.Node game = nodes.start("game", false, new Game());

        byte[] response = answer(game.id(), goRequest("game.game.nope", new byte[0]));

        byte[] entry = bytes(0x0a, 0x05, ascii("route"), 0x12, 0x09, ascii("game.nope"));
        byte[] error = bytes(0x0a, 0x07, ascii("PIT-404"), 0x12, 0x0f, ascii("route not found"), 0x1a, entry.length, entry);
        assertThat(response).containsExactly(bytes(0x12, error.length, error));
    }

    // --- calling: what we send to a Go server, and how we read its answers -------------------------------------

    @Test
    void aCallToAGoServerSendsPitayasUserRequestAndReadsItsAnswers() throws Exception {
        RemoteNodes.Node lobby = nodes.start("lobby", true);
        BlockingQueue<byte[]> received = new ArrayBlockingQueue<>(4);
        BlockingQueue<byte[]> answers = new ArrayBlockingQueue<>(4);
        byte[] pong = bytes(0x0a, 0x06, 0x0a, 0x04, ascii("pong"));
        byte[] entry = bytes(0x0a, 0x04, ascii("user"), 0x12, 0x02, ascii("u1"));
        byte[] muted = bytes(0x0a, 0x06, ascii("CHAT-1"), 0x12, 0x05, ascii("muted"), 0x1a, entry.length, entry);
        byte[] noCode = bytes(0x12, 0x04, ascii("oops"));
        answers.add(pong);
        answers.add(bytes(0x12, muted.length, muted));
        answers.add(bytes(0x12, noCode.length, noCode));
        Dispatcher goServer = raw.createDispatcher(m -> {
            received.add(m.getData());
            raw.publish(m.getReplyTo(), answers.poll());
        });
        goServer.subscribe("pitaya/servers/chat/chat-1");
        raw.flush(Duration.ofSeconds(2));
        try (EtcdServiceDiscovery chat = EtcdServiceDiscovery.start(
                new ServerDescriptor("chat-1", "chat", Map.of(), false, "go-host"),
                EtcdSettings.from(SettingSource.of(nodes.keys(false))), Executors.defaultThreadFactory())) {
            nodes.awaitDiscovered("chat-1");

            StringValue reply = lobby.rpc().call("chat.room.say", StringValue.of("hi"), StringValue.class);

            assertThat(reply.getValue()).isEqualTo("pong");
            byte[] metadata = ascii("{\"peer.id\":\"" + lobby.id() + "\",\"peer.service\":\"lobby\",\"reqTimeout\":\"3s\"}");
            byte[] msg = bytes(0x12, 0x0d, ascii("chat.room.say"), 0x1a, 0x04, 0x0a, 0x02, ascii("hi"));
            byte[] frontendId = ascii(lobby.id());
            // type User, msg{route, data} (id 0 and MsgRequest are defaults), frontendID (a frontend), metadata
            assertThat(received.poll(5, TimeUnit.SECONDS)).containsExactly(bytes(0x08, 0x01, 0x1a, msg.length, msg,
                    0x22, frontendId.length, frontendId, 0x2a, metadata.length, metadata));

            assertThatThrownBy(() -> lobby.rpc().callTo("chat-1", "chat.room.say", null, StringValue.class))
                    .isInstanceOfSatisfying(PitayaException.class, e -> {
                        assertThat(e.code()).isEqualTo("CHAT-1");
                        assertThat(e.getMessage()).isEqualTo("muted");
                        assertThat(e.metadata()).isEqualTo(Map.of("user", "u1"));
                    });
            assertThatThrownBy(() -> lobby.rpc().call("chat.room.say", null, StringValue.class))
                    .isInstanceOfSatisfying(PitayaException.class, e -> {
                        assertThat(e.code()).isEqualTo("PIT-000");
                        assertThat(e.getMessage()).isEqualTo("oops");
                    });
        } finally {
            raw.closeDispatcher(goServer);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Concatenates bytes (ints) and byte arrays; lengths below 128 are one varint byte. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer b) {
                if (b > 0x7f) {
                    out.write((b & 0x7f) | 0x80);
                    out.write(b >>> 7);
                } else {
                    out.write(b);
                }
            } else {
                out.writeBytes((byte[]) part);
            }
        }
        return out.toByteArray();
    }
}
