package io.pitaya.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ServerSocketFactory;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A one-connection Pitaya "server" driven step by step from the test thread: it speaks the protocol by hand.
 * Every blocking operation is bounded by {@link #TIMEOUT_MS}.
 */
final class FakeTcpServer implements AutoCloseable {

    static final int TIMEOUT_MS = 5000;
    static final String DEFAULT_HANDSHAKE = "{\"code\":200,\"sys\":{\"dict\":{},\"heartbeat\":30,\"serializer\":\"json\"}}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerSocket serverSocket;
    private final String scheme;
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;

    private FakeTcpServer(ServerSocket serverSocket, String scheme) throws IOException {
        this.serverSocket = serverSocket;
        this.scheme = scheme;
        serverSocket.setSoTimeout(TIMEOUT_MS);
    }

    static FakeTcpServer start() throws IOException {
        return new FakeTcpServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), "tcp");
    }

    static FakeTcpServer start(ServerSocketFactory factory, String scheme) throws IOException {
        return new FakeTcpServer(factory.createServerSocket(0, 50, InetAddress.getLoopbackAddress()), scheme);
    }

    URI uri() {
        return URI.create(scheme + "://127.0.0.1:" + serverSocket.getLocalPort());
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    void accept() throws IOException {
        socket = serverSocket.accept();
        socket.setSoTimeout(TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    Wire.RawPacket readPacket() throws IOException {
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

    void send(byte[] raw) throws IOException {
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
