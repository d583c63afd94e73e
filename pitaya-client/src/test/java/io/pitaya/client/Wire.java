package io.pitaya.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** Hand-rolled wire helpers for the fake servers, independent of pitaya-protocol's codecs. */
final class Wire {

    static final int HANDSHAKE = 1;
    static final int ACK = 2;
    static final int HEARTBEAT = 3;
    static final int DATA = 4;
    static final int KICK = 5;

    private Wire() {
    }

    static byte[] packet(int type, byte[] body) {
        byte[] p = new byte[4 + body.length];
        p[0] = (byte) type;
        p[1] = (byte) (body.length >>> 16);
        p[2] = (byte) (body.length >>> 8);
        p[3] = (byte) body.length;
        System.arraycopy(body, 0, p, 4, body.length);
        return p;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static byte[] varint(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Response message body: flag, id, payload. */
    static byte[] response(long id, byte[] payload, int extraFlags) {
        return concat(new byte[] {(byte) (0x04 | extraFlags)}, varint(id), payload);
    }

    /** Push message body with a string route. */
    static byte[] push(String route, byte[] payload) {
        byte[] r = utf8(route);
        return concat(new byte[] {0x06, (byte) r.length}, r, payload);
    }

    static byte[] zlib(byte[] data) {
        Deflater d = new Deflater();
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[data.length + 64];
        int n = d.deflate(buf);
        d.end();
        return Arrays.copyOf(buf, n);
    }

    static byte[] inflate(byte[] data) {
        Inflater inf = new Inflater();
        inf.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new IllegalArgumentException("truncated zlib data");
                }
                out.write(buf, 0, n);
            }
        } catch (DataFormatException e) {
            throw new IllegalArgumentException(e);
        } finally {
            inf.end();
        }
        return out.toByteArray();
    }

    /** A packet as seen by a fake server. */
    record RawPacket(int type, byte[] body) {
    }

    /** A decoded client→server Data message. */
    record ClientMessage(int flag, int type, long id, String route, int routeCode, byte[] payload) {

        boolean routeCompressed() {
            return (flag & 0x01) != 0;
        }

        boolean payloadCompressed() {
            return (flag & 0x10) != 0;
        }

        static ClientMessage parse(byte[] body) {
            int flag = body[0] & 0xFF;
            int type = (flag >> 1) & 0x07;
            int off = 1;
            long id = 0;
            if (type == 0 || type == 2) { // request / response carry an id
                int shift = 0;
                while (true) {
                    int b = body[off++] & 0xFF;
                    id |= (long) (b & 0x7F) << shift;
                    shift += 7;
                    if ((b & 0x80) == 0) {
                        break;
                    }
                }
            }
            String route = null;
            int code = -1;
            if (type != 2) {
                if ((flag & 0x01) != 0) {
                    code = ((body[off] & 0xFF) << 8) | (body[off + 1] & 0xFF);
                    off += 2;
                } else {
                    int len = body[off++] & 0xFF;
                    route = new String(body, off, len, StandardCharsets.UTF_8);
                    off += len;
                }
            }
            return new ClientMessage(flag, type, id, route, code, Arrays.copyOfRange(body, off, body.length));
        }
    }
}
