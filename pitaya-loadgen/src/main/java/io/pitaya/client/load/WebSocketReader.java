package io.pitaya.client.load;

import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.ProtocolException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Inbound WebSocket of one selector thread: the HTTP 101 answer to the upgrade, then frames, unwrapped in place
 * in the read buffer; each message's Pitaya packets go to the {@link PacketReader}. Pings are answered.
 */
final class WebSocketReader {

    private static final int MAX_HTTP_HEAD = 16 * 1024;

    private final IoLoop loop;
    private final PacketReader packets;
    private final FrameWriter writer;

    WebSocketReader(IoLoop loop, PacketReader packets, FrameWriter writer) {
        this.loop = loop;
        this.packets = packets;
        this.writer = writer;
    }

    boolean readUpgradeAnswer(LoadConnection c, ByteBuffer buf) throws IOException {
        int start = buf.position();
        int end = -1;
        for (int i = start; i + 3 < buf.limit(); i++) {
            if (buf.get(i) == '\r' && buf.get(i + 1) == '\n' && buf.get(i + 2) == '\r' && buf.get(i + 3) == '\n') {
                end = i;
                break;
            }
        }
        if (end < 0) {
            if (buf.remaining() > MAX_HTTP_HEAD) {
                loop.failConnect(c, "WebSocket upgrade: no end of HTTP headers");
            }
            return false;
        }
        byte[] head = new byte[end - start];
        buf.get(head);
        buf.position(end + 4);
        String problem = c.upgrade.check(new String(head, StandardCharsets.ISO_8859_1));
        if (problem != null) {
            loop.failConnect(c, problem);
            return false;
        }
        c.upgrade = null;
        loop.startHandshake(c);
        return true;
    }

    boolean readFrame(LoadConnection c, ByteBuffer buf) throws IOException {
        int p = buf.position();
        int remaining = buf.remaining();
        if (remaining < 2) {
            return false;
        }
        int b0 = buf.get(p) & 0xFF;
        int b1 = buf.get(p + 1) & 0xFF;
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0F;
        boolean masked = (b1 & 0x80) != 0;
        long length = b1 & 0x7F;
        int header = 2;
        if (length == 126) {
            if (remaining < 4) {
                return false;
            }
            length = (buf.get(p + 2) & 0xFF) << 8 | buf.get(p + 3) & 0xFF;
            header = 4;
        } else if (length == 127) {
            if (remaining < 10) {
                return false;
            }
            length = buf.getLong(p + 2);
            header = 10;
        }
        if (length < 0 || length > PacketCodec.HEADER_LENGTH + (long) PacketCodec.MAX_BODY_LENGTH) {
            throw new ProtocolException("WebSocket frame too large: " + length);
        }
        int maskAt = p + header;
        if (masked) {
            header += 4;
        }
        if (remaining < header + length) {
            return false;
        }
        int start = p + header;
        int end = start + (int) length;
        if (masked) { // servers must not mask, but unmasking is cheap
            for (int i = start; i < end; i++) {
                buf.put(i, (byte) (buf.get(i) ^ buf.get(maskAt + ((i - start) & 3))));
            }
        }
        switch (opcode) {
            case WebSocketOpcode.BINARY, WebSocketOpcode.TEXT -> {
                if (c.fragment != null) {
                    throw new ProtocolException("WebSocket: new message inside a fragmented one");
                }
                if (fin) {
                    onMessage(c, buf, start, end);
                } else {
                    c.fragment = Bytes.copy(buf, start, end - start);
                }
            }
            case WebSocketOpcode.CONTINUATION -> {
                if (c.fragment == null) {
                    throw new ProtocolException("WebSocket: continuation without a first frame");
                }
                byte[] more = Arrays.copyOf(c.fragment, c.fragment.length + end - start);
                buf.get(start, more, c.fragment.length, end - start);
                c.fragment = fin ? null : more;
                if (fin) {
                    onMessage(c, ByteBuffer.wrap(more), 0, more.length);
                }
            }
            case WebSocketOpcode.PING -> writer.sendControl(c, WebSocketOpcode.PONG, Bytes.copy(buf, start, end - start));
            case WebSocketOpcode.PONG -> {
                // unsolicited pongs are allowed and ignored
            }
            case WebSocketOpcode.CLOSE -> {
                byte[] code = end - start >= 2 ? Bytes.copy(buf, start, 2) : Bytes.EMPTY;
                writer.sendControl(c, WebSocketOpcode.CLOSE, code);
                loop.lost(c, "WebSocket closed by the server" + (code.length == 2
                        ? " (" + ((code[0] & 0xFF) << 8 | code[1] & 0xFF) + ")" : ""));
                return false;
            }
            default -> throw new ProtocolException("WebSocket: unknown opcode " + opcode);
        }
        if (c.state != LoadConnection.CLOSED) {
            buf.position(end);
        }
        return true;
    }

    /** One WebSocket message holds one Pitaya packet (clients accept several, so do we). */
    private void onMessage(LoadConnection c, ByteBuffer buf, int start, int end) throws IOException {
        int limit = buf.limit();
        buf.limit(end).position(start);
        while (buf.hasRemaining() && c.state != LoadConnection.CLOSED) {
            if (!packets.read(c, buf)) {
                throw new ProtocolException("WebSocket message ends inside a packet");
            }
        }
        buf.limit(limit);
    }
}
