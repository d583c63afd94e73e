package io.pitaya.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitaya.testkit.ServerWebSocket;

import javax.net.ServerSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A one-connection Pitaya "server" driven step by step from the test thread: it speaks the protocol by hand, over
 * TCP (plain or TLS) or WebSocket (one packet per binary message; framing from the test kit's
 * {@link ServerWebSocket}). Every blocking operation is bounded by {@link #TIMEOUT_MS}.
 */
final class ScriptedServer implements AutoCloseable {

    static final int TIMEOUT_MS = 5000;
    static final String DEFAULT_HANDSHAKE = "{\"code\":200,\"sys\":{\"dict\":{},\"heartbeat\":30,\"serializer\":\"json\"}}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerSocket serverSocket;
    private final String scheme;
    private final boolean webSocket;
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;
    /** The path of the WebSocket upgrade request. */
    String requestPath;

    private ScriptedServer(ServerSocket serverSocket, String scheme) throws IOException {
        this.serverSocket = serverSocket;
        this.scheme = scheme;
        this.webSocket = scheme.startsWith("ws");
        serverSocket.setSoTimeout(TIMEOUT_MS);
    }

    static ScriptedServer start() throws IOException {
        return start(ServerSocketFactory.getDefault(), "tcp");
    }

    static ScriptedServer webSocket() throws IOException {
        return start(ServerSocketFactory.getDefault(), "ws");
    }

    static ScriptedServer start(ServerSocketFactory factory, String scheme) throws IOException {
        return new ScriptedServer(factory.createServerSocket(0, 50, InetAddress.getLoopbackAddress()), scheme);
    }

    URI uri() {
        return uri("");
    }

    URI uri(String path) {
        return URI.create(scheme + "://127.0.0.1:" + serverSocket.getLocalPort() + path);
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** Accepts the connection; over WebSocket, completes the HTTP upgrade too. */
    void accept() throws IOException {
        socket = serverSocket.accept();
        socket.setSoTimeout(TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        if (webSocket) {
            requestPath = ServerWebSocket.upgrade(in, out).split(" ")[1];
        }
    }

    Wire.RawPacket readPacket() throws IOException {
        if (webSocket) {
            return readPacketMessage();
        }
        int type = in.readUnsignedByte();
        int len = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
        byte[] body = new byte[len];
        in.readFully(body);
        return new Wire.RawPacket(type, body);
    }

    /** Reads packets, skipping client heartbeats, until a packet of another type arrives. */
    Wire.RawPacket readNonHeartbeat() throws IOException {
        while (true) {
            Wire.RawPacket p = readPacket();
            if (p.type() != Wire.HEARTBEAT) {
                return p;
            }
        }
    }

    /** Reads the next Data packet (skipping heartbeats) and decodes its message. */
    Wire.ClientMessage readMessage() throws IOException {
        Wire.RawPacket p = readNonHeartbeat();
        assertThat(p.type()).as("packet type").isEqualTo(Wire.DATA);
        return Wire.ClientMessage.parse(p.body());
    }

    byte[] readRaw(int n) throws IOException {
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    /** Whether the client closed the connection (EOF) within the timeout; skips anything still in flight. */
    boolean awaitEof() throws IOException {
        try {
            while (in.read() >= 0) {
                // drain
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (EOFException | java.net.SocketException e) {
            return true;
        }
    }

    /** Raw bytes over TCP; over WebSocket, one binary message. */
    void send(byte[] raw) throws IOException {
        if (webSocket) {
            sendBinary(raw);
            return;
        }
        out.write(raw);
        out.flush();
    }

    void sendPacket(int type, byte[] body) throws IOException {
        send(Wire.packet(type, body));
    }

    /** Accepts, reads and returns the client's handshake JSON, and answers with {@code responseBody}. */
    JsonNode handshake(byte[] responseBody) throws IOException {
        accept();
        Wire.RawPacket hello = readPacket();
        assertThat(hello.type()).as("first packet is a handshake").isEqualTo(Wire.HANDSHAKE);
        JsonNode json = JSON.readTree(hello.body());
        sendPacket(Wire.HANDSHAKE, responseBody);
        return json;
    }

    /** Full successful handshake: answers {@code responseJson} and expects the client's ack. */
    JsonNode handshakeAndAck(String responseJson) throws IOException {
        JsonNode json = handshake(Wire.utf8(responseJson));
        expectAck();
        return json;
    }

    void expectAck() throws IOException {
        Wire.RawPacket ack = readPacket();
        assertThat(ack.type()).as("handshake ack").isEqualTo(Wire.ACK);
        assertThat(ack.body()).isEmpty();
    }

    // --- WebSocket framing ---------------------------------------------------------------------------------

    ServerWebSocket.Frame readFrame() throws IOException {
        return ServerWebSocket.readFrame(in);
    }

    /** Reads one complete data message (reassembling fragments), answering pings; null on a Close frame. */
    ServerWebSocket.Frame readWebSocketMessage() throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int opcode = -1;
        while (true) {
            ServerWebSocket.Frame f = readFrame();
            if (f.opcode() == ServerWebSocket.CLOSE) {
                return null;
            }
            if (f.opcode() == ServerWebSocket.PING) {
                writeFrame(true, ServerWebSocket.PONG, f.payload());
                continue;
            }
            if (f.opcode() == ServerWebSocket.PONG) {
                continue;
            }
            if (opcode < 0) {
                opcode = f.opcode();
            }
            data.writeBytes(f.payload());
            if (f.fin()) {
                return new ServerWebSocket.Frame(true, opcode, f.masked(), data.toByteArray());
            }
        }
    }

    /** The next binary message, which must hold exactly one Pitaya packet. */
    private Wire.RawPacket readPacketMessage() throws IOException {
        ServerWebSocket.Frame f = readWebSocketMessage();
        if (f == null) {
            throw new IOException("client sent Close");
        }
        byte[] m = f.payload();
        int len = ((m[1] & 0xFF) << 16) | ((m[2] & 0xFF) << 8) | (m[3] & 0xFF);
        if (len != m.length - 4) {
            throw new IOException("message does not hold exactly one packet");
        }
        if (f.opcode() != ServerWebSocket.BINARY) {
            throw new IOException("expected a binary message, got opcode " + f.opcode());
        }
        return new Wire.RawPacket(m[0], Arrays.copyOfRange(m, 4, m.length));
    }

    void writeFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        ServerWebSocket.writeFrame(out, fin, opcode, payload);
    }

    void sendBinary(byte[] message) throws IOException {
        writeFrame(true, ServerWebSocket.BINARY, message);
    }

    void sendClose(int code) throws IOException {
        writeFrame(true, ServerWebSocket.CLOSE, new byte[] {(byte) (code >>> 8), (byte) code});
    }

    void closeConnection() throws IOException {
        if (socket != null) {
            socket.close();
        }
    }

    @Override
    public void close() throws IOException {
        closeConnection();
        serverSocket.close();
    }
}
