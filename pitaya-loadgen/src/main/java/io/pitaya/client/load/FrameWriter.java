package io.pitaya.client.load;

import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.message.Varint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Outbound bytes of one selector thread: every packet is built in one shared buffer (over WebSocket, inside a
 * masked binary frame) and written at once; only what the socket would not take is parked on the connection.
 */
final class FrameWriter {

    private static final int BUFFER_SIZE = 64 * 1024;

    private final boolean ws;
    private final SplittableRandom random;
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
    private final byte[] scratch = new byte[PacketCodec.HEADER_LENGTH + Varint.MAX_LENGTH];
    /** Where the packet of the frame being built starts, and that frame's mask key. */
    private int frameStart;
    private int frameMask;

    FrameWriter(boolean ws, SplittableRandom random) {
        this.ws = ws;
        this.random = random;
    }

    /** Writes a whole packet built beforehand. */
    void writePacket(LoadConnection c, byte[] packet) throws IOException {
        ByteBuffer out = beginFrame(packet.length);
        out.put(packet);
        endFrame(c, out);
    }

    /** Writes a Data packet from a template body encoded with id 1, with {@code id} in its place. */
    void writeMessage(LoadConnection c, byte[] template, long id) throws IOException {
        int idEnd = Varint.writeVarint(scratch, PacketCodec.HEADER_LENGTH + 1, id);
        int bodyLength = template.length - 2 + (idEnd - PacketCodec.HEADER_LENGTH);
        PacketCodec.writeHeader(scratch, 0, PacketType.DATA, bodyLength);
        scratch[PacketCodec.HEADER_LENGTH] = template[0];
        ByteBuffer out = beginFrame(PacketCodec.HEADER_LENGTH + bodyLength);
        out.put(scratch, 0, idEnd);
        out.put(template, 2, template.length - 2);
        endFrame(c, out);
    }

    void sendPacket(LoadConnection c, PacketType type, byte[] body) throws IOException {
        PacketCodec.writeHeader(scratch, 0, type, body.length);
        ByteBuffer out = beginFrame(PacketCodec.HEADER_LENGTH + body.length);
        out.put(scratch, 0, PacketCodec.HEADER_LENGTH);
        out.put(body);
        endFrame(c, out);
    }

    private ByteBuffer frameBuffer(int size) {
        ByteBuffer out = size <= writeBuffer.capacity() ? writeBuffer : ByteBuffer.allocate(size);
        out.clear();
        return out;
    }

    /** Starts an outbound packet of {@code length} bytes; over WebSocket, a masked binary frame around it. */
    private ByteBuffer beginFrame(int length) {
        ByteBuffer out = frameBuffer(length + 14);
        if (ws) {
            wsHeader(out, WebSocketOpcode.BINARY, length);
        }
        frameStart = out.position();
        return out;
    }

    private void endFrame(LoadConnection c, ByteBuffer out) throws IOException {
        if (ws) {
            mask(out, frameStart, out.position());
        }
        out.flip();
        write(c, out);
    }

    private void wsHeader(ByteBuffer out, int opcode, int length) {
        out.put((byte) (0x80 | opcode));
        if (length < 126) {
            out.put((byte) (0x80 | length));
        } else if (length <= 0xFFFF) {
            out.put((byte) (0x80 | 126)).putShort((short) length);
        } else {
            out.put((byte) (0x80 | 127)).putLong(length);
        }
        frameMask = random.nextInt();
        out.putInt(frameMask);
    }

    private void mask(ByteBuffer out, int from, int to) {
        int m = frameMask;
        for (int i = from; i < to; i++) {
            out.put(i, (byte) (out.get(i) ^ m >>> (24 - 8 * ((i - from) & 3))));
        }
    }

    void sendControl(LoadConnection c, int opcode, byte[] payload) throws IOException {
        ByteBuffer out = frameBuffer(payload.length + 14);
        wsHeader(out, opcode, payload.length);
        int start = out.position();
        out.put(payload);
        mask(out, start, out.position());
        out.flip();
        write(c, out);
    }

    void writeRaw(LoadConnection c, byte[] bytes) throws IOException {
        ByteBuffer out = frameBuffer(bytes.length);
        out.put(bytes).flip();
        write(c, out);
    }

    private void write(LoadConnection c, ByteBuffer out) throws IOException {
        if (c.outPending != null) { // the socket is full: queue behind what is waiting
            byte[] more = Arrays.copyOf(c.outPending, c.outPending.length + out.remaining());
            out.get(more, c.outPending.length, out.remaining());
            c.outPending = more;
            return;
        }
        c.channel.write(out);
        if (out.hasRemaining()) {
            byte[] rest = new byte[out.remaining()];
            out.get(rest);
            c.outPending = rest;
            c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    void flushPending(LoadConnection c) throws IOException {
        if (c.outPending == null) {
            c.key.interestOps(SelectionKey.OP_READ);
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(c.outPending);
        c.channel.write(b);
        if (b.hasRemaining()) {
            c.outPending = Arrays.copyOfRange(c.outPending, b.position(), c.outPending.length);
        } else {
            c.outPending = null;
            c.key.interestOps(SelectionKey.OP_READ);
        }
    }
}
