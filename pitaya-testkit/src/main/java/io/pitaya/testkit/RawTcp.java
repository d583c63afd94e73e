package io.pitaya.testkit;

import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketDecoder;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.ProtocolException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * A plain or TLS socket speaking Pitaya framing. It reads only when asked (no reader thread), so a test can also
 * leave the server's writes backed up ({@link #connectSlowReader}); what arrives is split into packets as it is read.
 * Used from one thread.
 */
public final class RawTcp implements RawConnection {

    private static final long DEFAULT_TIMEOUT_MILLIS = 5000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final PacketDecoder decoder = new PacketDecoder(PacketCodec.MAX_BODY_LENGTH);
    private final Queue<Packet> received = new ArrayDeque<>();
    private final byte[] buffer = new byte[64 * 1024];
    private boolean ended;
    private String garbage;

    /** Wraps a connected socket, e.g. a TLS one. */
    public RawTcp(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public static RawTcp open(URI uri) throws IOException {
        return new RawTcp(new Socket(uri.getHost(), uri.getPort()));
    }

    public static RawTcp connect(InetSocketAddress address) throws IOException {
        return new RawTcp(new Socket(address.getAddress(), address.getPort()));
    }

    /** Connects with a small receive window, for tests that need the server's writes to back up. */
    public static RawTcp connectSlowReader(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(address);
        return new RawTcp(s);
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void send(PacketType type, byte[] body) throws IOException {
        send(PacketCodec.encode(type, body));
    }

    /** Sends {@link LibpitayaHandshake} and reads the server's handshake response (not acknowledged). */
    public Packet handshake() throws IOException {
        send(LibpitayaHandshake.packet());
        Packet response = readPacket();
        if (response.type() != PacketType.HANDSHAKE) {
            throw new IOException("expected a handshake response, got " + response);
        }
        return response;
    }

    /** The next packet; fails when none arrives within 5 s or the server closed first. */
    public Packet readPacket() throws IOException {
        Packet packet = next(DEFAULT_TIMEOUT_MILLIS);
        if (packet == null) {
            throw new IOException(ended ? "connection closed by the server" : "no packet within 5 s");
        }
        return packet;
    }

    @Override
    public byte[] receive(long millis) {
        Packet packet = next(millis);
        return packet == null ? null : PacketCodec.encode(packet);
    }

    @Override
    public boolean closedWithin(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!ended && readSome(deadline)) {
            // packets read meanwhile stay queued for receive()
        }
        return ended;
    }

    /** Waits until the server closes (EOF or reset); fails if it sends anything first or stays open for 5 s. */
    public void awaitClosedByServer() {
        awaitClosed();
        if (!received.isEmpty() || garbage != null) {
            throw new AssertionError("expected the server to close, got "
                    + (received.isEmpty() ? garbage : received.peek()));
        }
    }

    /** Waits until the server closes, ignoring what it sends first (e.g. a TLS alert). */
    public void awaitClosedByServerSkippingBytes() {
        awaitClosed();
        received.clear();
    }

    private void awaitClosed() {
        if (!closedWithin(DEFAULT_TIMEOUT_MILLIS)) {
            throw new AssertionError("server did not close the connection within 5 s");
        }
    }

    private Packet next(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (received.isEmpty() && !ended && readSome(deadline)) {
            // until a whole packet, the end of the stream or the deadline
        }
        return received.poll();
    }

    /** Reads once, waiting at most until the deadline; false when the deadline passed with nothing read. */
    private boolean readSome(long deadline) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            return false;
        }
        try {
            socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
            int n = in.read(buffer);
            if (n < 0) {
                ended = true;
            } else if (garbage == null) {
                received.addAll(decoder.decode(ByteBuffer.wrap(buffer, 0, n)));
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (ProtocolException e) {
            garbage = "bytes that are not Pitaya packets: " + e.getMessage();
        } catch (IOException e) {
            ended = true; // a reset (or a TLS alert on a TLS socket) counts as closed too
        }
        return true;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
