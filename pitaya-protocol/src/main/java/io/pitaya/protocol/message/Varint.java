package io.pitaya.protocol.message;

import io.pitaya.protocol.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Unsigned LEB128 varints as used for message ids: 7-bit groups, least significant first, high bit set
 * on every byte but the last. The {@code long} is treated as unsigned 64-bit, like Go's {@code uint}.
 */
public final class Varint {

    /** 64 bits need at most ten 7-bit groups. */
    public static final int MAX_LENGTH = 10;

    private Varint() {
    }

    public static int encodedSize(long value) {
        int n = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            n++;
        }
        return n;
    }

    /** Writes {@code value} at {@code offset} and returns the offset just past it. */
    public static int writeVarint(byte[] dst, int offset, long value) {
        while ((value & ~0x7FL) != 0) {
            dst[offset++] = (byte) (value & 0x7F | 0x80);
            value >>>= 7;
        }
        dst[offset++] = (byte) value;
        return offset;
    }

    public static void writeVarint(ByteArrayOutputStream out, long value) {
        byte[] buf = new byte[MAX_LENGTH];
        out.write(buf, 0, writeVarint(buf, 0, value));
    }

    /**
     * Reads one varint, advancing the buffer. Strict where Go is lenient: a varint that runs off the end
     * of the buffer or does not fit in 64 bits is an error rather than garbage.
     */
    public static long readVarint(ByteBuffer in) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!in.hasRemaining()) {
                throw new ProtocolException("invalid message: unterminated varint");
            }
            int b = in.get() & 0xFF;
            // The tenth byte may only contribute the 64th bit and must end the varint.
            if (shift == 63 && b > 1) {
                throw new ProtocolException("invalid message: varint exceeds 64 bits");
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new ProtocolException("invalid message: varint exceeds 64 bits");
    }
}
