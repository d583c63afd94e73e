package io.pitaya.client.load;

import io.pitaya.protocol.PacketType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One selector thread driving its share of the connections: connect, WebSocket upgrade, Pitaya handshake,
 * heartbeats and the scenario's traffic. Inbound packets are parsed in place in one shared read buffer and
 * outbound packets are built in one shared write buffer, so a request/response round trip allocates nothing.
 */
final class IoLoop implements Runnable {

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final long SCAN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int SILENT_INTERVALS = 3;

    final LoopStats stats = new LoopStats();

    private final LoadOptions o;
    private final InetSocketAddress address;
    private final byte[] handshakeBody;
    private final boolean ws;
    private final String hostHeader;
    private final String wsPath;
    private final int loopIndex;
    private final int loopCount;
    private final int toOpen;
    private final double openPerNano;
    private final long connectTimeoutNanos;

    private final Selector selector;
    private final List<LoadConnection> connections;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
    private final SplittableRandom random;
    private final FrameWriter writer;
    private final WebSocketReader webSocket;
    private final ScenarioTraffic traffic;
    private final PacketReader packets;

    private volatile boolean running = true;
    private volatile boolean sendersGo;
    private int openedCount;
    private long openStart;
    private int settling;
    /** System.nanoTime() before the current select: a coarse clock for liveness, free to read per packet. */
    private long selectNanos;

    IoLoop(LoadOptions o, InetSocketAddress address, byte[] handshakeBody, int loopIndex, int loopCount)
            throws IOException {
        this.o = o;
        this.address = address;
        this.handshakeBody = handshakeBody;
        this.ws = o.webSocket();
        String host = o.url.getHost();
        this.hostHeader = (host.contains(":") ? "[" + host + "]" : host) + ":" + o.port();
        String path = o.url.getRawPath() == null || o.url.getRawPath().isEmpty() ? "/" : o.url.getRawPath();
        this.wsPath = o.url.getRawQuery() == null ? path : path + "?" + o.url.getRawQuery();
        this.loopIndex = loopIndex;
        this.loopCount = loopCount;
        this.toOpen = o.connections / loopCount + (loopIndex < o.connections % loopCount ? 1 : 0);
        this.openPerNano = o.connectRate / (double) loopCount / 1e9;
        this.connectTimeoutNanos = o.connectTimeout.toNanos();
        this.selector = Selector.open();
        this.connections = new ArrayList<>(toOpen);
        this.random = new SplittableRandom(0x5EED_0000L + loopIndex);
        this.writer = new FrameWriter(ws, random);
        this.traffic = new ScenarioTraffic(o, stats, writer, this);
        this.packets = new PacketReader(o, stats, writer, traffic, this);
        this.webSocket = new WebSocketReader(this, packets, writer);
        stats.unsettled.set(toOpen);
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    /** Fanout: lets the senders start (called once every member has joined). */
    void startSenders() {
        sendersGo = true;
        selector.wakeup();
    }

    @Override
    public void run() {
        openStart = System.nanoTime();
        long nextScan = openStart + SCAN_NANOS;
        try {
            while (running) {
                if (openedCount < toOpen) {
                    openDue(System.nanoTime());
                }
                selectNanos = System.nanoTime();
                selector.select(this::onKey, traffic.hasDeferred() ? 1 : openedCount < toOpen ? 5 : 50);
                if (traffic.hasDeferred()) {
                    traffic.sendDeferred();
                }
                if (sendersGo && !traffic.sendersStarted()) {
                    traffic.startSenders(connections);
                }
                long now = System.nanoTime();
                if (now - nextScan >= 0) {
                    scan(now);
                    nextScan = now + SCAN_NANOS;
                }
            }
        } catch (IOException | RuntimeException e) {
            stats.noteError("selector loop failed: " + e);
        } finally {
            for (LoadConnection c : connections) {
                closeChannel(c);
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // exiting anyway
            }
        }
    }

    // ---- opening -------------------------------------------------------------------------------------------

    private void openDue(long now) {
        long due = Math.min(toOpen, (long) ((now - openStart) * openPerNano) + 1);
        while (openedCount < due) {
            int index = loopIndex + openedCount * loopCount;
            openedCount++;
            LoopStats.inc(stats.opened);
            open(index, now);
        }
    }

    private void open(int index, long now) {
        LoadConnection c;
        try {
            c = new LoadConnection(index, SocketChannel.open());
        } catch (IOException e) {
            settled();
            LoopStats.inc(stats.connectFailures);
            stats.noteError("cannot open a socket: " + e);
            return;
        }
        c.deadline = now + connectTimeoutNanos;
        c.sender = o.scenario == Scenario.FANOUT && index < o.senders;
        connections.add(c);
        try {
            SocketChannel ch = c.channel;
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connected = ch.connect(address);
            c.key = ch.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c);
            if (connected) {
                afterConnect(c);
            }
        } catch (IOException | RuntimeException e) {
            failConnect(c, "connect: " + e);
        }
    }

    private void afterConnect(LoadConnection c) throws IOException {
        if (ws) {
            c.upgrade = WebSocketUpgrade.create(random, hostHeader, wsPath);
            c.state = LoadConnection.UPGRADING;
            writer.writeRaw(c, c.upgrade.request);
        } else {
            startHandshake(c);
        }
    }

    /** Connected (over WebSocket: upgraded): sends the Pitaya handshake. */
    void startHandshake(LoadConnection c) throws IOException {
        c.state = LoadConnection.HANDSHAKING;
        writer.sendPacket(c, PacketType.HANDSHAKE, handshakeBody);
    }

    boolean isRunning() {
        return running;
    }

    private void settled() {
        settling++;
        stats.unsettled.lazySet(toOpen - settling);
    }

    // ---- selector events -----------------------------------------------------------------------------------

    private void onKey(SelectionKey key) {
        LoadConnection c = (LoadConnection) key.attachment();
        try {
            if (!key.isValid()) {
                return;
            }
            int ready = key.readyOps();
            if ((ready & SelectionKey.OP_CONNECT) != 0) {
                if (c.channel.finishConnect()) {
                    key.interestOps(SelectionKey.OP_READ);
                    afterConnect(c);
                }
            }
            if ((ready & SelectionKey.OP_WRITE) != 0 && c.state != LoadConnection.CLOSED) {
                writer.flushPending(c);
            }
            if ((ready & SelectionKey.OP_READ) != 0 && c.state != LoadConnection.CLOSED) {
                read(c);
            }
        } catch (IOException | RuntimeException e) {
            lost(c, e.toString());
        }
    }

    private void read(LoadConnection c) throws IOException {
        ByteBuffer buf = readBuffer;
        buf.clear();
        byte[] pending = c.inPending;
        if (pending != null) {
            if (pending.length > buf.capacity() / 2) {
                buf = ByteBuffer.allocate(pending.length * 2 + 4096); // a large packet arriving in pieces
            }
            buf.put(pending);
            c.inPending = null;
        }
        int n = c.channel.read(buf);
        if (n < 0) {
            lost(c, "connection closed by the server");
            return;
        }
        c.lastReceived = selectNanos;
        buf.flip();
        consume(c, buf);
        if (c.state != LoadConnection.CLOSED && buf.hasRemaining()) {
            byte[] rest = new byte[buf.remaining()];
            buf.get(rest);
            c.inPending = rest;
        }
    }

    private void consume(LoadConnection c, ByteBuffer buf) throws IOException {
        while (c.state != LoadConnection.CLOSED && buf.hasRemaining()) {
            boolean progressed;
            if (c.state == LoadConnection.UPGRADING) {
                progressed = webSocket.readUpgradeAnswer(c, buf);
            } else if (ws) {
                progressed = webSocket.readFrame(c, buf);
            } else {
                progressed = packets.read(c, buf);
            }
            if (!progressed) {
                return;
            }
        }
    }

    /** The Pitaya handshake is done: the connection counts as connected. */
    void ready(LoadConnection c) {
        c.state = LoadConnection.READY;
        settled();
        LoopStats.inc(stats.connected);
    }

    // ---- timers --------------------------------------------------------------------------------------------

    /** Every 100 ms: connect deadlines, heartbeats and request timeouts. */
    private void scan(long now) {
        for (int i = 0, n = connections.size(); i < n; i++) {
            LoadConnection c = connections.get(i);
            try {
                if (c.state == LoadConnection.READY) {
                    if (c.heartbeatNanos > 0 && now - c.nextHeartbeat >= 0) {
                        c.nextHeartbeat = now + c.heartbeatNanos;
                        writer.sendPacket(c, PacketType.HEARTBEAT, Bytes.EMPTY);
                    }
                    // the server pings every interval: three silent intervals mean it is gone
                    if (c.heartbeatNanos > 0 && now - c.lastReceived > SILENT_INTERVALS * c.heartbeatNanos) {
                        lost(c, "nothing from the server for " + SILENT_INTERVALS + " heartbeat intervals");
                        continue;
                    }
                    traffic.checkTimeout(c, now);
                } else if (c.settling() && now - c.deadline > 0) {
                    failConnect(c, "connect + handshake took longer than " + o.connectTimeout.toMillis() + " ms");
                }
            } catch (IOException | RuntimeException e) {
                lost(c, e.toString());
            }
        }
    }

    // ---- closing -------------------------------------------------------------------------------------------

    /** The connection failed or was closed by the peer; counted by the phase it was in. */
    void lost(LoadConnection c, String why) {
        if (c.state == LoadConnection.CLOSED) {
            return;
        }
        if (c.settling()) {
            failConnect(c, why);
            return;
        }
        closeChannel(c);
        LoopStats.dec(stats.connected);
        if (running) {
            LoopStats.inc(stats.disconnects);
            stats.noteError(why);
        }
    }

    void failConnect(LoadConnection c, String why) {
        if (c.state == LoadConnection.CLOSED) {
            return;
        }
        closeChannel(c);
        settled();
        LoopStats.inc(stats.connectFailures);
        stats.noteError(why);
    }

    private static void closeChannel(LoadConnection c) {
        c.state = LoadConnection.CLOSED;
        c.inPending = null;
        c.outPending = null;
        c.fragment = null;
        if (c.key != null) {
            c.key.cancel();
        }
        closeQuietly(c.channel);
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

}
