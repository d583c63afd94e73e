package io.pitaya.client.load;

import io.pitaya.protocol.message.Compression;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reading parts of a received buffer in place, without copying it (except to show or keep a part). */
final class Bytes {

    static final byte[] EMPTY = new byte[0];

    private Bytes() {
    }

    static byte[] copy(ByteBuffer buf, int from, int length) {
        byte[] b = new byte[length];
        buf.get(from, b);
        return b;
    }

    static String text(ByteBuffer buf, int from, int end) {
        byte[] b = copy(buf, from, Math.min(end - from, 300));
        if (Compression.looksCompressed(b) && end - from <= 300) {
            try {
                b = Compression.inflate(b);
            } catch (RuntimeException ignored) {
                // show it raw
            }
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    static boolean sameBytes(ByteBuffer buf, int from, int length, byte[] expected) {
        if (length != expected.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (buf.get(from + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(ByteBuffer buf, int from, int end, byte[] needle) {
        outer:
        for (int i = from, last = end - needle.length; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buf.get(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
