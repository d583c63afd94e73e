package io.pitaya.protocol;

import java.util.Arrays;

/**
 * Packet framing: 1 type byte, 3-byte big-endian body length, body (PROTOCOL.md §1).
 * Encoding plus whole-frame decoding for transports that preserve message boundaries (WebSocket).
 */
public final class PacketCodec {

    public static final int HEADER_LENGTH = 4;
    /** The length field has 3 bytes; Go's 1<<24 limit would wrap to 0, so cap one lower. */
    public static final int MAX_BODY_LENGTH = 0xFFFFFF;

    private PacketCodec() {
    }

    public static byte[] encode(Packet p) {
        return encode(p.type(), p.body());
    }

    public static byte[] encode(PacketType type, byte[] body) {
        byte[] b = body == null ? Packet.EMPTY : body;
        byte[] out = new byte[HEADER_LENGTH + checkLength(b.length)];
        writeHeader(out, 0, type, b.length);
        System.arraycopy(b, 0, out, HEADER_LENGTH, b.length);
        return out;
    }

    /** Writes a 4-byte header at {@code offset}, for callers that build a packet in their own buffer. */
    public static void writeHeader(byte[] dst, int offset, PacketType type, int bodyLength) {
        checkLength(bodyLength);
        dst[offset] = (byte) type.code();
        dst[offset + 1] = (byte) (bodyLength >>> 16);
        dst[offset + 2] = (byte) (bodyLength >>> 8);
        dst[offset + 3] = (byte) bodyLength;
    }

    /** Decodes a frame that must hold exactly one packet, with the largest legal body length. */
    public static Packet decodeFrame(byte[] frame) {
        return decodeFrame(frame, MAX_BODY_LENGTH);
    }

    /** Decodes a frame that must hold exactly one packet (one WebSocket message = one packet). */
    public static Packet decodeFrame(byte[] frame, int maxBodyLength) {
        if (frame.length < HEADER_LENGTH) {
            throw new ProtocolException("received less data than expected");
        }
        PacketType type = PacketType.fromCode(frame[0] & 0xFF);
        int length = bodyLength(frame[1], frame[2], frame[3]);
        if (length > maxBodyLength) {
            throw new ProtocolException("packet too large");
        }
        int actual = frame.length - HEADER_LENGTH;
        if (actual < length) {
            throw new ProtocolException("received less data than expected");
        }
        if (actual > length) {
            throw new ProtocolException("received more data than expected");
        }
        return new Packet(type, length == 0 ? Packet.EMPTY : Arrays.copyOfRange(frame, HEADER_LENGTH, frame.length));
    }

    static int bodyLength(byte b1, byte b2, byte b3) {
        return (b1 & 0xFF) << 16 | (b2 & 0xFF) << 8 | (b3 & 0xFF);
    }

    private static int checkLength(int length) {
        if (length < 0 || length > MAX_BODY_LENGTH) {
            throw new ProtocolException("packet too large");
        }
        return length;
    }
}
