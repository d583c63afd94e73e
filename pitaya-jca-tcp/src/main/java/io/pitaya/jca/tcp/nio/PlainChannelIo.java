package io.pitaya.jca.tcp.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * Plain TCP: reads into the selector's shared buffer, writes the caller's packet array directly and keeps only
 * a view of its unwritten tail. See {@link ChannelIo} for threading.
 */
final class PlainChannelIo implements ChannelIo {

    static final Factory FACTORY = PlainChannelIo::new;

    /**
     * Heap buffers are copied through a per-thread temporary direct buffer the size of the write; capping each
     * write keeps that cache small on every thread that writes (a 1 MB packet would otherwise pin 1 MB per thread).
     */
    private static final int MAX_WRITE_CHUNK = 64 * 1024;

    private final SocketChannel channel;
    private ByteBuffer pending; // guarded by the connection's monitor

    PlainChannelIo(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public int read(ReadBuffers buffers, Consumer<ByteBuffer> plaintext) throws IOException {
        ByteBuffer buffer = buffers.network();
        buffer.clear();
        int n = channel.read(buffer);
        if (n > 0) {
            buffer.flip();
            plaintext.accept(buffer);
        }
        return n;
    }

    @Override
    public Flush write(byte[] packet) throws IOException {
        pending = ByteBuffer.wrap(packet);
        return flush();
    }

    @Override
    public Flush flush() throws IOException {
        ByteBuffer p = pending;
        if (p == null) {
            return Flush.DONE;
        }
        while (p.hasRemaining()) {
            int limit = p.limit();
            p.limit(Math.min(limit, p.position() + MAX_WRITE_CHUNK));
            int written;
            try {
                written = channel.write(p);
            } finally {
                p.limit(limit);
            }
            if (written == 0) {
                return Flush.BLOCKED;
            }
        }
        pending = null;
        return Flush.DONE;
    }

    @Override
    public boolean hasPendingOutput() {
        return false;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    @Override
    public String transport() {
        return "tcp";
    }
}
