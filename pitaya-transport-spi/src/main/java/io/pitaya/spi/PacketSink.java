package io.pitaya.spi;

import io.pitaya.protocol.Packet;
import io.pitaya.protocol.ProtocolException;

/** Where an acceptor delivers what arrives on one connection. Calls for one connection never overlap. */
public interface PacketSink {

    /** A whole packet framed by the acceptor. Must return quickly: it runs on an I/O thread. */
    void onPacket(Packet packet);

    /** Bytes that are not a valid packet; the core closes the connection. */
    void onProtocolError(ProtocolException error);

    /** The transport is gone (peer closed, I/O error, or after {@link Connection#close()}). */
    void onClosed();
}
