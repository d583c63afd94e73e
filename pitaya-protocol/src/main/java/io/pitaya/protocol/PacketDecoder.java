package io.pitaya.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Streaming packet decoder for byte-stream transports (TCP). Not thread-safe: one instance per
 * connection, fed by that connection's reader.
 *
 * <p>It rejects garbage as early as possible: a wrong first byte fails immediately, so an HTTP request
 * or a TLS ClientHello sent to a plain TCP port is refused without waiting for more bytes (pitaya-cli
 * probes ports that way and would otherwise stall). An oversized length fails before the body arrives.
 * After a failure the decoder stays failed; the connection is expected to be closed.
 *
 * <p>Memory follows what the peer actually sent, not what its header announced: a body buffer starts small and
 * doubles as bytes arrive, so a partial packet holds at most about twice its received bytes (plus
 * {@link #MIN_BODY_BUFFER}). Until a handshake packet has been decoded, every packet is held to the (smaller)
 * handshake bound, so a peer that never handshakes cannot even announce a large body.
 */
public final class PacketDecoder {

    /** Default bound on packet bodies before the handshake: a handshake's JSON is a few hundred bytes. */
    public static final int DEFAULT_MAX_HANDSHAKE_LENGTH = 64 * 1024;
    /** First allocation for a body whose bytes have not all arrived. */
    static final int MIN_BODY_BUFFER = 512;

    private final int maxBodyLength;
    private final int maxHandshakeLength;
    private final byte[] header = new byte[PacketCodec.HEADER_LENGTH];
    private int headerFilled;
    private PacketType type;
    private int bodyLength = -1; // -1: reading a header
    private byte[] body;
    private int bodyFilled;
    private boolean handshakeSeen;
    private boolean failed;

    /** A decoder without a handshake phase (clients): every packet may be up to {@code maxBodyLength}. */
    public PacketDecoder(int maxBodyLength) {
        this(maxBodyLength, maxBodyLength);
    }

    /**
     * @param maxBodyLength      largest body once a handshake packet has been decoded
     * @param maxHandshakeLength largest body of any packet before that (capped at {@code maxBodyLength})
     */
    public PacketDecoder(int maxBodyLength, int maxHandshakeLength) {
        if (maxBodyLength < 0 || maxHandshakeLength < 0) {
            throw new IllegalArgumentException("body length bounds must be >= 0");
        }
        this.maxBodyLength = maxBodyLength;
        this.maxHandshakeLength = Math.min(maxBodyLength, maxHandshakeLength);
    }

    /**
     * Consumes every remaining byte of {@code in} and returns the packets completed by them, in order
     * (an empty immutable list when none). A trailing partial packet is kept for the next call.
     *
     * @throws ProtocolException on a wrong packet type or a body over the bound in force; the only exception
     *     bytes can cause
     */
    public List<Packet> decode(ByteBuffer in) {
        if (failed) {
            throw new ProtocolException("decoder already failed");
        }
        List<Packet> out = null;
        try {
            while (in.hasRemaining()) {
                Packet p = bodyLength < 0 ? readHeader(in) : readBody(in);
                if (p != null) {
                    if (out == null) {
                        out = new ArrayList<>(2);
                    }
                    out.add(p);
                }
            }
        } catch (ProtocolException e) {
            failed = true;
            throw e;
        }
        return out == null ? List.of() : out;
    }

    /** Bytes of an incomplete packet held from previous calls (header bytes included). */
    public int bufferedBytes() {
        return headerFilled + bodyFilled;
    }

    /** Bytes currently allocated for an incomplete packet's body (at most about twice {@link #bufferedBytes()}). */
    public int bufferedCapacity() {
        return body == null ? 0 : body.length;
    }

    /** The body bound in force for the next packet. */
    public int currentMaxBodyLength() {
        return handshakeSeen ? maxBodyLength : maxHandshakeLength;
    }

    private Packet readHeader(ByteBuffer in) {
        while (headerFilled < PacketCodec.HEADER_LENGTH && in.hasRemaining()) {
            byte b = in.get();
            if (headerFilled == 0) {
                type = PacketType.fromCode(b & 0xFF); // fail on the first byte, not after four
            }
            header[headerFilled++] = b;
        }
        if (headerFilled < PacketCodec.HEADER_LENGTH) {
            return null;
        }
        int length = PacketCodec.bodyLength(header[1], header[2], header[3]);
        if (length > currentMaxBodyLength()) {
            throw new ProtocolException(length > maxBodyLength ? "packet too large" : "packet too large before handshake");
        }
        if (length == 0) {
            return complete(Packet.EMPTY);
        }
        bodyLength = length;
        return readBody(in);
    }

    private Packet readBody(ByteBuffer in) {
        int n = Math.min(bodyLength - bodyFilled, in.remaining());
        if (n == 0) {
            return null; // header only so far: nothing allocated yet
        }
        ensureCapacity(bodyFilled + n);
        in.get(body, bodyFilled, n);
        bodyFilled += n;
        return bodyFilled == bodyLength ? complete(body) : null;
    }

    /** Grows the body buffer to hold {@code needed} bytes, doubling, never past the announced length. */
    private void ensureCapacity(int needed) {
        int capacity = body == null ? 0 : body.length;
        if (needed <= capacity) {
            return;
        }
        int grown = (int) Math.min(bodyLength, Math.max(needed, Math.max(MIN_BODY_BUFFER, 2L * capacity)));
        body = body == null ? new byte[grown] : Arrays.copyOf(body, grown);
    }

    private Packet complete(byte[] bytes) {
        Packet p = new Packet(type, bytes);
        if (type == PacketType.HANDSHAKE) {
            handshakeSeen = true;
        }
        headerFilled = 0;
        bodyFilled = 0;
        bodyLength = -1;
        body = null;
        type = null;
        return p;
    }
}
