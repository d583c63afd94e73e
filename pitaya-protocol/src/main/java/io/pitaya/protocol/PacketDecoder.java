package io.pitaya.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming packet decoder for byte-stream transports (TCP). Not thread-safe: one instance per
 * connection, fed by that connection's reader.
 *
 * <p>It rejects garbage as early as possible: a wrong first byte fails immediately, so an HTTP request
 * or a TLS ClientHello sent to a plain TCP port is refused without waiting for more bytes (pitaya-cli
 * probes ports that way and would otherwise stall). An oversized length fails before the body arrives.
 * After a failure the decoder stays failed; the connection is expected to be closed.
 */
public final class PacketDecoder {

    private final int maxBodyLength;
    private final byte[] header = new byte[PacketCodec.HEADER_LENGTH];
    private int headerFilled;
    private PacketType type;
    private byte[] body;
    private int bodyFilled;
    private boolean failed;

    public PacketDecoder(int maxBodyLength) {
        if (maxBodyLength < 0) {
            throw new IllegalArgumentException("maxBodyLength must be >= 0");
        }
        this.maxBodyLength = maxBodyLength;
    }

    /**
     * Consumes every remaining byte of {@code in} and returns the packets completed by them, in order
     * (an empty immutable list when none). A trailing partial packet is kept for the next call.
     */
    public List<Packet> decode(ByteBuffer in) {
        if (failed) {
            throw new ProtocolException("decoder already failed");
        }
        List<Packet> out = null;
        try {
            while (in.hasRemaining()) {
                Packet p = body == null ? readHeader(in) : readBody(in);
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
        if (length > maxBodyLength) {
            throw new ProtocolException("packet too large");
        }
        if (length == 0) {
            return complete(Packet.EMPTY);
        }
        body = new byte[length];
        return readBody(in);
    }

    private Packet readBody(ByteBuffer in) {
        int n = Math.min(body.length - bodyFilled, in.remaining());
        in.get(body, bodyFilled, n);
        bodyFilled += n;
        return bodyFilled == body.length ? complete(body) : null;
    }

    private Packet complete(byte[] bytes) {
        Packet p = new Packet(type, bytes);
        headerFilled = 0;
        bodyFilled = 0;
        body = null;
        type = null;
        return p;
    }
}
