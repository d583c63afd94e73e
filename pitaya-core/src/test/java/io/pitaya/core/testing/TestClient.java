package io.pitaya.core.testing;

import io.pitaya.core.agent.Agent;
import io.pitaya.core.session.LinkedSession;
import io.pitaya.protocol.Hex;
import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageCodec;
import io.pitaya.testkit.LibpitayaHandshake;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The client side of one {@link RecordingConnection}: sends packets into the agent, decodes what it wrote. */
public final class TestClient {

    /** What libpitaya sends (PROTOCOL.md §3). */
    public static final String HANDSHAKE_JSON = LibpitayaHandshake.JSON;

    private final TestServer server;
    private final RecordingConnection connection;
    private final Agent agent;
    private final MessageCodec codec;

    TestClient(TestServer server, RecordingConnection connection, Agent agent) {
        this.server = server;
        this.connection = connection;
        this.agent = agent;
        this.codec = new MessageCodec(server.dictionary(), false);
    }

    public RecordingConnection connection() {
        return connection;
    }

    public Agent agent() {
        return agent;
    }

    public long id() {
        return agent.id();
    }

    public LinkedSession session() {
        return server.session(this);
    }

    // --- sending ------------------------------------------------------------------------------------------

    public void send(PacketType type, byte[] body) {
        agent.onPacket(Packet.of(type, body));
    }

    /** Frames {@code frame} as an acceptor would, then delivers it. */
    public void sendFrame(byte[] frame) {
        agent.onPacket(PacketCodec.decodeFrame(frame));
    }

    public void handshake() {
        handshake(HANDSHAKE_JSON);
    }

    public void handshake(String json) {
        send(PacketType.HANDSHAKE, Hex.utf8(json));
    }

    public void ack() {
        agent.onPacket(Packet.HANDSHAKE_ACK);
    }

    /** Handshake, check it was accepted, ack. */
    public TestClient ready() {
        handshake();
        Packet response = nextPacket();
        assertThat(response.type()).isEqualTo(PacketType.HANDSHAKE);
        assertThat(Hex.text(response.body())).startsWith("{\"code\":200,");
        ack();
        return this;
    }

    public void data(byte[] messageBody) {
        send(PacketType.DATA, messageBody);
    }

    public void send(Message message) {
        data(codec.encode(message));
    }

    public void request(long id, String route, String json) {
        send(Message.request(id, route, Hex.utf8(json)));
    }

    public void notify(String route, String json) {
        send(Message.notify(route, Hex.utf8(json)));
    }

    // --- receiving ----------------------------------------------------------------------------------------

    public byte[] nextFrame() {
        return connection.nextFrame();
    }

    public Packet nextPacket() {
        return connection.nextPacket();
    }

    /** The next packet, which must be a Data packet, decoded (compressed payloads inflated). */
    public Message nextMessage() {
        Packet p = nextPacket();
        assertThat(p.type()).as("packet type of %s", p).isEqualTo(PacketType.DATA);
        return codec.decode(p.body());
    }

    /** The next message, which must be a successful response to {@code id}; its payload as text. */
    public String response(long id) {
        Message m = nextMessage();
        assertThat(m.type()).as("type of %s", m).isEqualTo(io.pitaya.protocol.message.MessageType.RESPONSE);
        assertThat(m.id()).isEqualTo(id);
        assertThat(m.error()).as("error flag of %s: %s", m, Hex.text(m.data())).isFalse();
        return new String(m.data(), StandardCharsets.UTF_8);
    }

    /** The next message, which must be an error response to {@code id}; its payload as text. */
    public String errorResponse(long id) {
        Message m = nextMessage();
        assertThat(m.type()).as("type of %s", m).isEqualTo(io.pitaya.protocol.message.MessageType.RESPONSE);
        assertThat(m.id()).isEqualTo(id);
        assertThat(m.error()).as("error flag of %s: %s", m, Hex.text(m.data())).isTrue();
        return new String(m.data(), StandardCharsets.UTF_8);
    }

    public boolean isClosed() {
        return connection.isClosed();
    }
}
