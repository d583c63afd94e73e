package io.pitaya.jca.tcp.nio;

import io.pitaya.protocol.Packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Scratch space owned by one selector thread and reused for every connection it reads, so an idle connection
 * holds no read buffer at all. Not thread-safe: only its selector thread touches it.
 */
final class ReadBuffers {

    /** Large enough for a leftover TLS record plus a new one; big reads keep bulk transfers cheap. */
    static final int NETWORK_BUFFER_SIZE = 64 * 1024;

    private final ByteBuffer network = ByteBuffer.allocateDirect(NETWORK_BUFFER_SIZE);
    private final int applicationSize;
    private ByteBuffer application;
    private final List<Packet> packets = new ArrayList<>();

    ReadBuffers(int applicationSize) {
        this.applicationSize = applicationSize;
    }

    /** Bytes straight from the socket. */
    ByteBuffer network() {
        return network;
    }

    /** Decrypted bytes (TLS only); allocated on first use. */
    ByteBuffer application() {
        if (application == null) {
            application = ByteBuffer.allocate(applicationSize);
        }
        return application;
    }

    /** Packets decoded by one read, delivered once the read has released its locks. */
    List<Packet> packets() {
        return packets;
    }
}
