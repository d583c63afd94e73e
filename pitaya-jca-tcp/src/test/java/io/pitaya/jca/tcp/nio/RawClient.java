package io.pitaya.jca.tcp.nio;

import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/** A blocking test client speaking Pitaya framing over a plain or TLS socket. */
final class RawClient implements AutoCloseable {

    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawClient connect(InetSocketAddress address) throws IOException {
        return new RawClient(new Socket(address.getAddress(), address.getPort()));
    }

    /** Connects with a small receive window, for tests that need the server's writes to back up. */
    static RawClient connectSlowReader(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(address);
        return new RawClient(s);
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(PacketType type, byte[] body) throws IOException {
        send(PacketCodec.encode(type, body));
    }

    Packet readPacket() throws IOException {
        byte[] header = new byte[PacketCodec.HEADER_LENGTH];
        in.readFully(header);
        byte[] frame = new byte[header.length + ((header[1] & 0xFF) << 16 | (header[2] & 0xFF) << 8 | (header[3] & 0xFF))];
        System.arraycopy(header, 0, frame, 0, header.length);
        in.readFully(frame, header.length, frame.length - header.length);
        return PacketCodec.decodeFrame(frame);
    }

    /** Performs the Pitaya handshake against {@link FakeSink}'s echo. */
    void handshake() throws IOException {
        send(PacketType.HANDSHAKE, "{\"sys\":{\"platform\":\"test\"}}".getBytes());
        Packet response = readPacket();
        if (response.type() != PacketType.HANDSHAKE) {
            throw new IOException("expected a handshake response, got " + response);
        }
    }

    /** Waits until the server closes (EOF or reset); fails if it sends bytes or stays open for 5 s. */
    void awaitClosedByServer() throws IOException {
        try {
            int b = in.read();
            if (b != -1) {
                throw new AssertionError("expected the server to close, got byte " + b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("server did not close the connection within 5 s", e);
        } catch (SocketException e) {
            // connection reset: closed too
        }
    }

    /** Waits until the server closes, ignoring what it sends first (e.g. a TLS alert). */
    void awaitClosedByServerSkippingBytes() throws IOException {
        try {
            while (in.read() != -1) {
                // skip
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("server did not close the connection within 5 s", e);
        } catch (SocketException e) {
            // connection reset: closed too
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
