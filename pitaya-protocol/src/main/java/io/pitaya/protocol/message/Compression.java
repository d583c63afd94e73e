package io.pitaya.protocol.message;

import io.pitaya.protocol.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

/**
 * Payload and handshake compression. Emits zlib (RFC 1950, default level, header 78 9C) like Go's
 * compress/zlib; accepts zlib or gzip because libpitaya's inflater auto-detects both.
 */
public final class Compression {

    /** Default cap on inflated size: as large as the biggest body that could have been sent uncompressed. */
    public static final int DEFAULT_MAX_OUTPUT = 1 << 24;

    private static final int CHUNK = 8192;

    private Compression() {
    }

    public static byte[] deflate(byte[] in) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(in);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, in.length / 2));
            byte[] chunk = new byte[CHUNK];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end(); // frees native memory now instead of at GC time
        }
    }

    public static byte[] inflate(byte[] in) {
        return inflate(in, DEFAULT_MAX_OUTPUT);
    }

    /**
     * Inflates zlib or gzip data.
     *
     * @throws ProtocolException on corrupt or truncated input, or when the output would exceed
     *     {@code maxOutput} bytes (decompression bomb)
     */
    public static byte[] inflate(byte[] in, int maxOutput) {
        return isGzip(in) ? inflateGzip(in, maxOutput) : inflateZlib(in, maxOutput);
    }

    /** Sniffs a zlib or gzip header; unambiguous for JSON, which starts with '{'. */
    public static boolean looksCompressed(byte[] data) {
        if (data == null || data.length < 2) {
            return false;
        }
        if (isGzip(data)) {
            return true;
        }
        int b1 = data[1] & 0xFF;
        return (data[0] & 0xFF) == 0x78 && (b1 == 0x01 || b1 == 0x5E || b1 == 0x9C || b1 == 0xDA);
    }

    private static boolean isGzip(byte[] data) {
        return data.length >= 2 && (data[0] & 0xFF) == 0x1F && (data[1] & 0xFF) == 0x8B;
    }

    private static byte[] inflateZlib(byte[] in, int maxOutput) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(in);
            ByteArrayOutputStream out = new ByteArrayOutputStream(initialSize(in, maxOutput));
            byte[] chunk = new byte[CHUNK];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new ProtocolException("corrupt compressed data: truncated zlib stream");
                }
                append(out, chunk, n, maxOutput);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new ProtocolException("corrupt compressed data", e);
        } finally {
            inflater.end();
        }
    }

    private static byte[] inflateGzip(byte[] in, int maxOutput) {
        try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(in), CHUNK)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(initialSize(in, maxOutput));
            byte[] chunk = new byte[CHUNK];
            for (int n; (n = gz.read(chunk)) != -1; ) {
                append(out, chunk, n, maxOutput);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new ProtocolException("corrupt compressed data", e);
        }
    }

    private static void append(ByteArrayOutputStream out, byte[] chunk, int n, int maxOutput) {
        if (out.size() + (long) n > maxOutput) {
            throw new ProtocolException("inflated data exceeds " + maxOutput + " bytes");
        }
        out.write(chunk, 0, n);
    }

    private static int initialSize(byte[] in, int maxOutput) {
        return (int) Math.min(maxOutput, Math.max(64L, in.length * 4L));
    }
}
