package io.pitaya.client;

import io.pitaya.testkit.ServerWebSocket;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

/**
 * One WebSocket connection's server side, driven from the test thread, to exercise the client's WebSocket transport:
 * upgrade, masked client frames, unmasked server frames, fragmentation, close (framing: the test kit's
 * {@link ServerWebSocket}).
 */
final class MiniWebSocketServer implements AutoCloseable {

    private final ServerSocket serverSocket;
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;
    String requestPath;

    MiniWebSocketServer() throws IOException {
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        serverSocket.setSoTimeout(FakeTcpServer.TIMEOUT_MS);
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + serverSocket.getLocalPort() + path);
    }

    /** Accepts one connection and completes the HTTP upgrade. */
    void acceptUpgrade() throws Exception {
        socket = serverSocket.accept();
        socket.setSoTimeout(FakeTcpServer.TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        requestPath = ServerWebSocket.upgrade(in, out).split(" ")[1];
    }

    record Frame(boolean fin, int opcode, byte[] payload) {
    }

    Frame readFrame() throws IOException {
        ServerWebSocket.Frame f = ServerWebSocket.readFrame(in);
        return new Frame(f.fin(), f.opcode(), f.payload());
    }

    /** Reads one complete data message (reassembling fragments), answering pings; null on a Close frame. */
    Frame readMessage() throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int opcode = -1;
        while (true) {
            Frame f = readFrame();
            if (f.opcode() == 0x8) {
                return null;
            }
            if (f.opcode() == 0x9) {
                writeFrame(true, 0xA, f.payload());
                continue;
            }
            if (f.opcode() == 0xA) {
                continue;
            }
            if (opcode < 0) {
                opcode = f.opcode();
            }
            data.writeBytes(f.payload());
            if (f.fin()) {
                return new Frame(true, opcode, data.toByteArray());
            }
        }
    }

    /** Next binary message that is not a client heartbeat packet, as a Pitaya packet. */
    Wire.RawPacket readPacket() throws IOException {
        while (true) {
            Frame f = readMessage();
            if (f == null) {
                throw new IOException("client sent Close");
            }
            byte[] m = f.payload();
            int len = ((m[1] & 0xFF) << 16) | ((m[2] & 0xFF) << 8) | (m[3] & 0xFF);
            if (len != m.length - 4) {
                throw new IOException("message does not hold exactly one packet");
            }
            if (m[0] == Wire.HEARTBEAT) {
                continue;
            }
            if (f.opcode() != 0x2) {
                throw new IOException("expected a binary message, got opcode " + f.opcode());
            }
            return new Wire.RawPacket(m[0], java.util.Arrays.copyOfRange(m, 4, m.length));
        }
    }

    void writeFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        ServerWebSocket.writeFrame(out, fin, opcode, payload);
    }

    void sendBinary(byte[] message) throws IOException {
        writeFrame(true, 0x2, message);
    }

    void sendClose(int code) throws IOException {
        writeFrame(true, 0x8, new byte[] {(byte) (code >>> 8), (byte) code});
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
        serverSocket.close();
    }
}
