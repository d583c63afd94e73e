package io.pitaya.client.load;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One simulated client. Owned by a single {@link IoLoop} thread, so nothing here is synchronized. It holds no
 * buffers of its own: bytes of a packet split across reads, and bytes the socket would not take, are parked in
 * small arrays only while that happens.
 */
final class LoadConnection {

    static final byte CONNECTING = 0;
    static final byte UPGRADING = 1;   // WebSocket: waiting for the HTTP 101
    static final byte HANDSHAKING = 2; // waiting for the Pitaya handshake answer
    static final byte READY = 3;
    static final byte CLOSED = 4;

    final int index;
    final SocketChannel channel;
    SelectionKey key;
    byte state = CONNECTING;

    /** Connect + upgrade + handshake must finish before this (System.nanoTime). */
    long deadline;
    WebSocketUpgrade upgrade;

    byte[] inPending;
    byte[] outPending;
    /** WebSocket: a fragmented message being reassembled (servers rarely fragment). */
    byte[] fragment;

    long heartbeatNanos;
    long nextHeartbeat;
    /** When bytes last arrived (coarse). */
    long lastReceived;

    Templates templates;
    /** The id and send time of the one outstanding request or message (closed loop). */
    long requestId;
    long sentAt;
    boolean awaiting;

    // fanout
    long joinId;
    boolean joined;
    boolean sender;
    byte[] messagePacket;
    /** Under --message-rate: not before this (System.nanoTime). */
    long nextSendAt;
    byte[] marker;

    LoadConnection(int index, SocketChannel channel) {
        this.index = index;
        this.channel = channel;
    }

    boolean settling() {
        return state < READY;
    }
}
