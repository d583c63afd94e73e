package io.pitaya.testkit;

import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageCodec;
import io.pitaya.protocol.message.MessageType;
import io.pitaya.protocol.message.RouteDictionary;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small Pitaya server for client-side tests (the load generator's): thread per connection, TCP or WebSocket
 * framing, decoding everything strictly with the protocol module. Requests are echoed as responses, except
 * {@code room.join} (chat answer + membership), {@code bench.error} (error response); the notify
 * {@code room.message} is pushed as {@code onMessage} to every member.
 */
public final class FakePitayaServer implements AutoCloseable {

    private static final MessageCodec CODEC = new MessageCodec(RouteDictionary.EMPTY, false);

    private final ServerSocket serverSocket;
    private final boolean ws;
    private final int heartbeatSeconds;
    private final List<Peer> members = new CopyOnWriteArrayList<>();
    private final List<Peer> peers = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;
    /** Close every connection this long after its handshake ack (0 = never). */
    public volatile long dropAfterMillis;
    /** Stop sending heartbeats (a server that hangs without closing). */
    public volatile boolean silent;
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-pitaya-heartbeat");
        t.setDaemon(true);
        return t;
    });

    public final AtomicLong requests = new AtomicLong();
    public final AtomicLong heartbeats = new AtomicLong();
    public final AtomicLong notifies = new AtomicLong();
    public final AtomicLong protocolErrors = new AtomicLong();
    public final AtomicLong maxRequestId = new AtomicLong();
    public volatile String firstProtocolError;

    private FakePitayaServer(boolean ws, int heartbeatSeconds) throws IOException {
        this.ws = ws;
        this.heartbeatSeconds = heartbeatSeconds;
        this.serverSocket = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "fake-pitaya-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        // like Pitaya: a heartbeat to every client each interval, whatever the client does
        pinger.scheduleAtFixedRate(() -> {
            if (silent) {
                return;
            }
            byte[] hb = PacketCodec.encode(Packet.HEARTBEAT);
            for (Peer p : peers) {
                try {
                    if (p.acked) {
                        p.send(hb);
                    }
                } catch (IOException ignored) {
                    // its reader thread notices
                }
            }
        }, heartbeatSeconds, heartbeatSeconds, TimeUnit.SECONDS);
    }

    public static FakePitayaServer tcp(int heartbeatSeconds) throws IOException {
        return new FakePitayaServer(false, heartbeatSeconds);
    }

    public static FakePitayaServer webSocket(int heartbeatSeconds) throws IOException {
        return new FakePitayaServer(true, heartbeatSeconds);
    }

    public URI uri() {
        int port = serverSocket.getLocalPort();
        return URI.create(ws ? "ws://127.0.0.1:" + port + "/pitaya" : "tcp://127.0.0.1:" + port);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = serverSocket.accept();
                s.setTcpNoDelay(true);
                Peer p = new Peer(s);
                peers.add(p);
                Thread t = new Thread(p::serve, "fake-pitaya-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        pinger.shutdownNow();
        serverSocket.close();
        for (Peer p : peers) {
            p.close();
        }
    }

    private void protocolError(String what) {
        protocolErrors.incrementAndGet();
        if (firstProtocolError == null) {
            firstProtocolError = what;
        }
    }

    private final class Peer {
        final Socket socket;
        DataInputStream in;
        OutputStream out;
        volatile boolean acked;

        Peer(Socket socket) {
            this.socket = socket;
        }

        void serve() {
            try {
                in = new DataInputStream(socket.getInputStream());
                out = socket.getOutputStream();
                if (ws) {
                    upgrade();
                }
                long ackedAt = 0;
                while (!closed) {
                    if (dropAfterMillis > 0 && ackedAt > 0 && System.currentTimeMillis() - ackedAt > dropAfterMillis) {
                        close();
                        return;
                    }
                    if (dropAfterMillis > 0) {
                        socket.setSoTimeout(50);
                    }
                    Packet p;
                    try {
                        p = ws ? PacketCodec.decodeFrame(readWebSocketMessage()) : readTcpPacket();
                    } catch (java.net.SocketTimeoutException e) {
                        continue;
                    }
                    switch (p.type()) {
                        case HANDSHAKE -> send(PacketCodec.encode(PacketType.HANDSHAKE, ("{\"code\":200,\"sys\":{\"dict\":{},"
                                + "\"heartbeat\":" + heartbeatSeconds + ",\"serializer\":\"json\"}}").getBytes(StandardCharsets.UTF_8)));
                        case HANDSHAKE_ACK -> {
                            ackedAt = System.currentTimeMillis();
                            acked = true;
                        }
                        case HEARTBEAT -> heartbeats.incrementAndGet();
                        case DATA -> onMessage(CODEC.decode(p.body()));
                        default -> protocolError("unexpected packet " + p);
                    }
                }
            } catch (EOFException | SocketException e) {
                // the client went away
            } catch (Exception e) {
                protocolError(e.toString());
            } finally {
                members.remove(this);
                peers.remove(this);
                close();
            }
        }

        private void onMessage(Message m) throws IOException {
            if (m.type() == MessageType.REQUEST) {
                requests.incrementAndGet();
                maxRequestId.accumulateAndGet(m.id(), Math::max);
                switch (m.route()) {
                    case "room.join" -> {
                        members.add(this);
                        send(CODEC.encodePacket(Message.push("onMembers", "{\"members\":[]}".getBytes(StandardCharsets.UTF_8))));
                        send(CODEC.encodePacket(Message.response(m.id(),
                                "{\"code\":0,\"result\":\"success\"}".getBytes(StandardCharsets.UTF_8))));
                    }
                    case "bench.error" -> send(CODEC.encodePacket(Message.errorResponse(m.id(),
                            "{\"code\":\"PIT-500\",\"msg\":\"boom\"}".getBytes(StandardCharsets.UTF_8))));
                    default -> send(CODEC.encodePacket(Message.response(m.id(), m.data())));
                }
            } else if (m.type() == MessageType.NOTIFY && m.route().equals("room.message")) {
                notifies.incrementAndGet();
                byte[] push = CODEC.encodePacket(Message.push("onMessage", m.data()));
                for (Peer member : members) {
                    member.send(push);
                }
            } else {
                protocolError("unexpected message " + m);
            }
        }

        private Packet readTcpPacket() throws IOException {
            int type = in.readUnsignedByte();
            byte[] rest = new byte[3];
            in.readFully(rest);
            byte[] frame = new byte[4 + ((rest[0] & 0xFF) << 16 | (rest[1] & 0xFF) << 8 | rest[2] & 0xFF)];
            frame[0] = (byte) type;
            System.arraycopy(rest, 0, frame, 1, 3);
            in.readFully(frame, 4, frame.length - 4);
            return PacketCodec.decodeFrame(frame);
        }

        private void upgrade() throws IOException {
            String requestLine = ServerWebSocket.upgrade(in, out);
            if (!requestLine.startsWith("GET /pitaya ")) {
                protocolError("bad request line " + requestLine);
            }
        }

        /** One client message: masked frames, answering pings is not needed here. */
        private byte[] readWebSocketMessage() throws IOException {
            ServerWebSocket.Frame frame = ServerWebSocket.readFrame(in);
            if (!frame.masked()) {
                protocolError("unmasked client frame");
            }
            if (!frame.fin() || frame.opcode() != ServerWebSocket.BINARY) {
                protocolError("expected a final binary frame, got opcode " + frame.opcode());
            }
            return frame.payload();
        }

        synchronized void send(byte[] packet) throws IOException {
            if (ws) {
                ServerWebSocket.writeFrame(out, true, ServerWebSocket.BINARY, packet);
            } else {
                out.write(packet);
                out.flush();
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
