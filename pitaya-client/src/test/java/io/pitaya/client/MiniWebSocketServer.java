package io.pitaya.client;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/**
 * Just enough of RFC 6455 (server side, one connection, driven from the test thread) to exercise the
 * client's WebSocket transport: upgrade, masked client frames, unmasked server frames, fragmentation, close.
 */
final class MiniWebSocketServer implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

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
        String requestLine = readLine();
        requestPath = requestLine.split(" ")[1];
        String key = null;
        String line;
        while (!(line = readLine()).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-key")) {
                key = line.substring(colon + 1).trim();
            }
        }
        if (key == null) {
            throw new IOException("no Sec-WebSocket-Key in upgrade request");
        }
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
        String accept = Base64.getEncoder().encodeToString(sha1);
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("EOF in HTTP header");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    record Frame(boolean fin, int opcode, byte[] payload) {
    }

    Frame readFrame() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7F;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        byte[] mask = new byte[4];
        boolean masked = (b1 & 0x80) != 0;
        if (masked) {
            in.readFully(mask);
        }
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
        }
        return new Frame((b0 & 0x80) != 0, b0 & 0x0F, payload);
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
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            f.write(payload.length);
        } else if (payload.length < 65536) {
            f.write(126);
            f.write(payload.length >>> 8);
            f.write(payload.length);
        } else {
            f.write(127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) ((long) payload.length >>> (8 * i)));
            }
        }
        f.writeBytes(payload);
        out.write(f.toByteArray());
        out.flush();
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
