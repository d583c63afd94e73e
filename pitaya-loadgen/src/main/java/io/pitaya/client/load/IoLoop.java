package io.pitaya.client.load;

import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.ProtocolException;
import io.pitaya.protocol.handshake.HandshakeResponse;
import io.pitaya.protocol.message.Compression;
import io.pitaya.protocol.message.MessageType;
import io.pitaya.protocol.message.RouteDictionary;
import io.pitaya.protocol.message.Varint;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
    private static final int MAX_HTTP_HEAD = 16 * 1024;
    private static final byte[] EMPTY = new byte[0];
    private static final int SILENT_INTERVALS = 3;

    private static final int WS_CONTINUATION = 0x0;
    private static final int WS_TEXT = 0x1;
    private static final int WS_BINARY = 0x2;
    private static final int WS_CLOSE = 0x8;
    private static final int WS_PING = 0x9;
    private static final int WS_PONG = 0xA;

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
    private final long timeoutNanos;
    private final long connectTimeoutNanos;

    private final Selector selector;
    private final List<LoadConnection> connections;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
    private final byte[] scratch = new byte[PacketCodec.HEADER_LENGTH + Varint.MAX_LENGTH];
    private final SplittableRandom random;
    /** Fanout under --message-rate: each sender's minimum gap, and the senders waiting for their slot. */
    private final long senderIntervalNanos;
    private final List<LoadConnection> deferred = new ArrayList<>();

    private volatile boolean running = true;
    private volatile boolean sendersGo;
    private boolean sendersStarted;
    private Templates lastTemplates;
    private int openedCount;
    private long openStart;
    private int settling;
    /** System.nanoTime() before the current select: a coarse clock for liveness, free to read per packet. */
    private long selectNanos;
    /** Where the packet of the frame being built starts, and that frame's mask key. */
    private int frameStart;
    private int frameMask;

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
        this.timeoutNanos = o.timeout.toNanos();
        this.connectTimeoutNanos = o.connectTimeout.toNanos();
        this.selector = Selector.open();
        this.connections = new ArrayList<>(toOpen);
        this.random = new SplittableRandom(0x5EED_0000L + loopIndex);
        this.senderIntervalNanos = o.messageRate > 0 ? (long) (o.senders * 1e9 / o.messageRate) : 0;
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
                selector.select(this::onKey, !deferred.isEmpty() ? 1 : openedCount < toOpen ? 5 : 50);
                if (!deferred.isEmpty()) {
                    sendDeferred();
                }
                if (sendersGo && !sendersStarted) {
                    sendersStarted = true;
                    for (LoadConnection c : connections) {
                        if (c.sender && c.joined && c.state == LoadConnection.READY) {
                            try {
                                sendChatLine(c);
                            } catch (IOException | RuntimeException e) {
                                lost(c, e.toString());
                            }
                        }
                    }
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
            writeRaw(c, c.upgrade.request);
        } else {
            c.state = LoadConnection.HANDSHAKING;
            sendPacket(c, PacketType.HANDSHAKE, handshakeBody);
        }
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
                flushPending(c);
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
                progressed = readUpgradeAnswer(c, buf);
            } else if (ws) {
                progressed = readWebSocketFrame(c, buf);
            } else {
                progressed = readPacket(c, buf);
            }
            if (!progressed) {
                return;
            }
        }
    }

    // ---- WebSocket -----------------------------------------------------------------------------------------

    private boolean readUpgradeAnswer(LoadConnection c, ByteBuffer buf) throws IOException {
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
                failConnect(c, "WebSocket upgrade: no end of HTTP headers");
            }
            return false;
        }
        byte[] head = new byte[end - start];
        buf.get(head);
        buf.position(end + 4);
        String problem = c.upgrade.check(new String(head, StandardCharsets.ISO_8859_1));
        if (problem != null) {
            failConnect(c, problem);
            return false;
        }
        c.upgrade = null;
        c.state = LoadConnection.HANDSHAKING;
        sendPacket(c, PacketType.HANDSHAKE, handshakeBody);
        return true;
    }

    private boolean readWebSocketFrame(LoadConnection c, ByteBuffer buf) throws IOException {
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
            case WS_BINARY, WS_TEXT -> {
                if (c.fragment != null) {
                    throw new ProtocolException("WebSocket: new message inside a fragmented one");
                }
                if (fin) {
                    onWebSocketMessage(c, buf, start, end);
                } else {
                    c.fragment = copy(buf, start, end - start);
                }
            }
            case WS_CONTINUATION -> {
                if (c.fragment == null) {
                    throw new ProtocolException("WebSocket: continuation without a first frame");
                }
                byte[] more = Arrays.copyOf(c.fragment, c.fragment.length + end - start);
                buf.get(start, more, c.fragment.length, end - start);
                c.fragment = fin ? null : more;
                if (fin) {
                    onWebSocketMessage(c, ByteBuffer.wrap(more), 0, more.length);
                }
            }
            case WS_PING -> sendControl(c, WS_PONG, copy(buf, start, end - start));
            case WS_PONG -> {
                // unsolicited pongs are allowed and ignored
            }
            case WS_CLOSE -> {
                byte[] code = end - start >= 2 ? copy(buf, start, 2) : EMPTY;
                sendControl(c, WS_CLOSE, code);
                lost(c, "WebSocket closed by the server" + (code.length == 2
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
    private void onWebSocketMessage(LoadConnection c, ByteBuffer buf, int start, int end) throws IOException {
        int limit = buf.limit();
        buf.limit(end).position(start);
        while (buf.hasRemaining() && c.state != LoadConnection.CLOSED) {
            if (!readPacket(c, buf)) {
                throw new ProtocolException("WebSocket message ends inside a packet");
            }
        }
        buf.limit(limit);
    }

    // ---- Pitaya packets ------------------------------------------------------------------------------------

    /** Handles one complete packet at the buffer's position, or returns false (nothing consumed) if incomplete. */
    private boolean readPacket(LoadConnection c, ByteBuffer buf) throws IOException {
        int p = buf.position();
        if (buf.remaining() < PacketCodec.HEADER_LENGTH) {
            return false;
        }
        int type = buf.get(p) & 0xFF;
        if (!PacketType.isValid(type)) {
            throw new ProtocolException("wrong packet type " + type);
        }
        int length = (buf.get(p + 1) & 0xFF) << 16 | (buf.get(p + 2) & 0xFF) << 8 | buf.get(p + 3) & 0xFF;
        if (buf.remaining() < PacketCodec.HEADER_LENGTH + length) {
            return false;
        }
        int body = p + PacketCodec.HEADER_LENGTH;
        int end = body + length;
        if (type == PacketType.DATA.code()) {
            onData(c, buf, body, end);
        } else if (type == PacketType.HANDSHAKE.code()) {
            onHandshake(c, copy(buf, body, length));
        } else if (type == PacketType.KICK.code()) {
            LoopStats.inc(stats.kicks);
            lost(c, "kicked by the server");
        }
        // heartbeats need no answer: our own heartbeat timer keeps the server happy
        if (c.state != LoadConnection.CLOSED) {
            buf.position(end);
        }
        return true;
    }

    private void onHandshake(LoadConnection c, byte[] body) throws IOException {
        if (c.state != LoadConnection.HANDSHAKING) {
            return; // a repeated answer; Pitaya never sends one
        }
        HandshakeResponse r;
        try {
            r = HandshakeResponse.parse(body);
        } catch (ProtocolException e) {
            failConnect(c, "bad handshake answer: " + e.getMessage());
            return;
        }
        if (r.code() != HandshakeResponse.CODE_OK) {
            failConnect(c, "handshake refused with code " + r.code());
            return;
        }
        sendPacket(c, PacketType.HANDSHAKE_ACK, EMPTY);
        long now = System.nanoTime();
        c.heartbeatNanos = TimeUnit.SECONDS.toNanos(Math.max(0, r.heartbeatSeconds()));
        c.nextHeartbeat = now + c.heartbeatNanos;
        c.lastReceived = now;
        c.templates = templatesFor(r.dictionary());
        c.state = LoadConnection.READY;
        settled();
        LoopStats.inc(stats.connected);
        switch (o.scenario) {
            case REQUEST -> sendRequest(c, now);
            case FANOUT -> {
                c.joinId = ++c.requestId;
                writeMessage(c, c.templates.join, c.joinId);
            }
            case IDLE -> {
                // heartbeats only
            }
        }
    }

    private Templates templatesFor(RouteDictionary dictionary) {
        Templates t = lastTemplates;
        if (t == null || !t.dictionary.equals(dictionary)) {
            t = new Templates(dictionary, o);
            lastTemplates = t;
        }
        return t;
    }

    private void onData(LoadConnection c, ByteBuffer buf, int body, int end) throws IOException {
        if (end - body < 2) {
            throw new ProtocolException("invalid message");
        }
        int flag = buf.get(body) & 0xFF;
        MessageType type = MessageType.fromCode(flag >> 1 & 0x07);
        boolean error = (flag & 0x20) != 0;
        boolean compressed = (flag & 0x10) != 0;
        if (type == MessageType.RESPONSE) {
            buf.position(body + 1);
            long id = Varint.readVarint(buf);
            int payload = buf.position();
            if (payload > end) {
                throw new ProtocolException("invalid message");
            }
            onResponse(c, id, error, buf, payload, end);
        } else if (type == MessageType.PUSH) {
            int p = body + 1;
            boolean counted;
            if ((flag & 0x01) != 0) {
                if (end - p < 2) {
                    throw new ProtocolException("invalid message");
                }
                counted = (buf.getShort(p) & 0xFFFF) == c.templates.pushCode;
                p += 2;
            } else {
                int routeLength = buf.get(p++) & 0xFF;
                if (end - p < routeLength) {
                    throw new ProtocolException("invalid message");
                }
                counted = sameBytes(buf, p, routeLength, c.templates.pushRoute);
                p += routeLength;
            }
            if (counted) {
                LoopStats.inc(stats.pushes);
                if (c.sender && c.awaiting && isOwnEcho(c, buf, p, end, compressed)) {
                    long now = System.nanoTime();
                    c.awaiting = false;
                    stats.recordLatencyNanos(now - c.sentAt);
                    LoopStats.inc(stats.completed);
                    nextChatLine(c, now);
                }
            } else {
                LoopStats.inc(stats.otherPushes);
            }
        }
        // the server sends no requests or notifies to clients
    }

    private void onResponse(LoadConnection c, long id, boolean error, ByteBuffer buf, int payload, int end)
            throws IOException {
        if (o.scenario == Scenario.FANOUT && id == c.joinId && !c.joined) {
            if (error) {
                LoopStats.inc(stats.errorResponses);
                stats.noteError("join failed: " + text(buf, payload, end));
            } else {
                c.joined = true;
                LoopStats.inc(stats.joined);
                if (sendersStarted && c.sender) {
                    sendChatLine(c);
                }
            }
            return;
        }
        if (!c.awaiting || id != c.requestId) {
            return; // the answer to a request that already timed out
        }
        long now = System.nanoTime();
        c.awaiting = false;
        if (error) {
            LoopStats.inc(stats.errorResponses);
            if (stats.firstError == null) {
                stats.noteError("error response: " + text(buf, payload, end));
            }
        } else {
            stats.recordLatencyNanos(now - c.sentAt); // successes only: the histogram count is the request count
            LoopStats.inc(stats.completed);
        }
        if (o.scenario == Scenario.REQUEST && running) {
            sendRequest(c, now);
        }
    }

    private boolean isOwnEcho(LoadConnection c, ByteBuffer buf, int payload, int end, boolean compressed) {
        if (compressed) {
            byte[] data = Compression.inflate(copy(buf, payload, end - payload));
            return indexOf(ByteBuffer.wrap(data), 0, data.length, c.marker) >= 0;
        }
        return indexOf(buf, payload, end, c.marker) >= 0;
    }

    // ---- sending -------------------------------------------------------------------------------------------

    private void sendRequest(LoadConnection c, long now) throws IOException {
        long id = ++c.requestId;
        c.sentAt = now;
        c.awaiting = true;
        writeMessage(c, c.templates.request, id);
    }

    /** After an echo or a timeout: the next line now, or at the sender's next slot under --message-rate. */
    private void nextChatLine(LoadConnection c, long now) throws IOException {
        if (senderIntervalNanos > 0 && now - c.nextSendAt < 0) {
            deferred.add(c);
            return;
        }
        sendChatLine(c);
    }

    private void sendDeferred() {
        long now = System.nanoTime();
        for (int i = deferred.size() - 1; i >= 0; i--) {
            LoadConnection c = deferred.get(i);
            if (c.state != LoadConnection.READY || now - c.nextSendAt >= 0) {
                deferred.set(i, deferred.get(deferred.size() - 1));
                deferred.remove(deferred.size() - 1);
                if (c.state == LoadConnection.READY) {
                    try {
                        sendChatLine(c);
                    } catch (IOException | RuntimeException e) {
                        lost(c, e.toString());
                    }
                }
            }
        }
    }

    private void sendChatLine(LoadConnection c) throws IOException {
        if (c.messagePacket == null) {
            c.messagePacket = c.templates.messagePacket(o.messageRoute, c.index);
            c.marker = ("\"" + Templates.marker(c.index) + "\"").getBytes(StandardCharsets.UTF_8);
        }
        c.sentAt = System.nanoTime();
        c.nextSendAt = c.sentAt + senderIntervalNanos;
        c.awaiting = true;
        LoopStats.inc(stats.messagesSent);
        ByteBuffer out = beginFrame(c.messagePacket.length);
        out.put(c.messagePacket);
        endFrame(c, out);
    }

    /** Writes a Data packet from a template body encoded with id 1, with {@code id} in its place. */
    private void writeMessage(LoadConnection c, byte[] template, long id) throws IOException {
        int idEnd = Varint.writeVarint(scratch, PacketCodec.HEADER_LENGTH + 1, id);
        int bodyLength = template.length - 2 + (idEnd - PacketCodec.HEADER_LENGTH);
        PacketCodec.writeHeader(scratch, 0, PacketType.DATA, bodyLength);
        scratch[PacketCodec.HEADER_LENGTH] = template[0];
        ByteBuffer out = beginFrame(PacketCodec.HEADER_LENGTH + bodyLength);
        out.put(scratch, 0, idEnd);
        out.put(template, 2, template.length - 2);
        endFrame(c, out);
    }

    private void sendPacket(LoadConnection c, PacketType type, byte[] body) throws IOException {
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
            wsHeader(out, WS_BINARY, length);
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

    private void sendControl(LoadConnection c, int opcode, byte[] payload) throws IOException {
        ByteBuffer out = frameBuffer(payload.length + 14);
        wsHeader(out, opcode, payload.length);
        int start = out.position();
        out.put(payload);
        mask(out, start, out.position());
        out.flip();
        write(c, out);
    }

    private void writeRaw(LoadConnection c, byte[] bytes) throws IOException {
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

    private void flushPending(LoadConnection c) throws IOException {
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

    // ---- timers --------------------------------------------------------------------------------------------

    /** Every 100 ms: connect deadlines, heartbeats and request timeouts. */
    private void scan(long now) {
        for (int i = 0, n = connections.size(); i < n; i++) {
            LoadConnection c = connections.get(i);
            try {
                if (c.state == LoadConnection.READY) {
                    if (c.heartbeatNanos > 0 && now - c.nextHeartbeat >= 0) {
                        c.nextHeartbeat = now + c.heartbeatNanos;
                        sendPacket(c, PacketType.HEARTBEAT, EMPTY);
                    }
                    // the server pings every interval: three silent intervals mean it is gone
                    if (c.heartbeatNanos > 0 && now - c.lastReceived > SILENT_INTERVALS * c.heartbeatNanos) {
                        lost(c, "nothing from the server for " + SILENT_INTERVALS + " heartbeat intervals");
                        continue;
                    }
                    if (c.awaiting && now - c.sentAt > timeoutNanos) {
                        c.awaiting = false;
                        LoopStats.inc(stats.timeouts);
                        stats.noteError("timeout after " + o.timeout.toMillis() + " ms");
                        if (o.scenario == Scenario.REQUEST) {
                            sendRequest(c, now);
                        } else if (o.scenario == Scenario.FANOUT) {
                            nextChatLine(c, now);
                        }
                    }
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
    private void lost(LoadConnection c, String why) {
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

    private void failConnect(LoadConnection c, String why) {
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

    // ---- helpers -------------------------------------------------------------------------------------------

    private static byte[] copy(ByteBuffer buf, int from, int length) {
        byte[] b = new byte[length];
        buf.get(from, b);
        return b;
    }

    private static String text(ByteBuffer buf, int from, int end) {
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

    private static boolean sameBytes(ByteBuffer buf, int from, int length, byte[] expected) {
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

    private static int indexOf(ByteBuffer buf, int from, int end, byte[] needle) {
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
