package io.pitaya.core.agent;

import io.pitaya.api.Handshake;
import io.pitaya.api.metrics.PitayaMetrics;
import io.pitaya.core.metrics.MetricsReporter;
import io.pitaya.core.session.LinkedSession;
import io.pitaya.core.session.SessionLink;
import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.ProtocolException;
import io.pitaya.protocol.handshake.HandshakeRequest;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageType;
import io.pitaya.spi.Connection;
import io.pitaya.spi.PacketSink;

import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client connection inside the core: runs Pitaya's handshake state machine on the packets an acceptor
 * frames, hands decoded messages of its session to the host for routing, and owns the connection's outbound queue.
 * It is its session's {@link SessionLink} (the local one: the player is connected here) and holds that session, so
 * a message needs no lookup to find it.
 *
 * <p>Anything unexpected from the client (a data packet before the ack, an unknown packet or message type,
 * a malformed message) closes this connection at once and touches nothing else.
 */
public final class Agent implements PacketSink, SessionLink {

    private static final Logger LOG = Logger.getLogger(Agent.class.getName());
    private static final byte[] HEARTBEAT = PacketCodec.encode(Packet.HEARTBEAT);
    private static final byte[] KICK = PacketCodec.encode(Packet.KICK);

    private final long id;
    private final Connection connection;
    private final AgentHost host;
    private final Outbox outbox;
    private final AtomicReference<AgentState> state = new AtomicReference<>(AgentState.START);
    private final long acceptedNanos;
    private volatile long lastSeenNanos;
    private volatile Handshake handshake;
    private volatile String closeReason;
    /** Set once by {@link #attach}, before the session is indexed and before the acceptor sees this agent. */
    private LinkedSession session;

    public Agent(long id, Connection connection, AgentHost host) {
        this.id = id;
        this.connection = connection;
        this.host = host;
        this.outbox = new Outbox(connection, host.config().agentMessageBuffer(),
                () -> close("outbound queue full (" + host.config().agentMessageBuffer() + " packets): client too slow"),
                failure -> close("write failed: " + failure));
        this.acceptedNanos = System.nanoTime();
        this.lastSeenNanos = acceptedNanos;
    }

    public long id() {
        return id;
    }

    /** Gives the agent its session; the server does it once, before handing the agent to the acceptor. */
    public void attach(LinkedSession session) {
        if (this.session != null) {
            throw new IllegalStateException("agent " + id + " already has a session");
        }
        this.session = session;
    }

    public LinkedSession session() {
        return session;
    }

    public AgentState state() {
        return state.get();
    }

    @Override
    public Handshake handshake() {
        return handshake;
    }

    @Override
    public String remoteAddress() {
        return connection.remoteAddress();
    }

    MetricsReporter metrics() {
        return host.metrics();
    }

    public String transport() {
        return connection.transport();
    }

    public long lastSeenNanos() {
        return lastSeenNanos;
    }

    public long acceptedNanos() {
        return acceptedNanos;
    }

    /** Why the agent closed, once it has. */
    @Override
    public String closeReason() {
        return closeReason;
    }

    @Override
    public void onPacket(Packet packet) {
        if (state.get() == AgentState.CLOSED) {
            return;
        }
        lastSeenNanos = System.nanoTime();
        switch (packet.type()) {
            case HANDSHAKE -> onHandshake(packet.body());
            case HANDSHAKE_ACK -> onHandshakeAck();
            case HEARTBEAT -> { /* lastSeen is all a heartbeat does */ }
            case DATA -> onData(packet.body());
            case KICK -> close("client sent a kick packet");
        }
    }

    @Override
    public void onProtocolError(ProtocolException error) {
        close("protocol error: " + error.getMessage());
    }

    @Override
    public void onClosed() {
        close("connection closed by peer");
    }

    private void onHandshake(byte[] body) {
        if (state.get() != AgentState.START) {
            close("second handshake");
            return;
        }
        Handshake request;
        try {
            HandshakeRequest parsed = HandshakeRequest.parse(body);
            request = new Handshake(parsed.sys(), parsed.user());
            host.validateHandshake(session, request);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "agent {0}: handshake rejected: {1}", new Object[]{id, e.getMessage()});
            outbox.offer(host.handshakeRejected());
            closeAfterFlush("handshake rejected: " + e.getMessage());
            return;
        }
        handshake = request;
        if (state.compareAndSet(AgentState.START, AgentState.HANDSHAKE)) {
            outbox.offer(host.handshakeAccepted());
        }
    }

    private void onHandshakeAck() {
        if (!state.compareAndSet(AgentState.HANDSHAKE, AgentState.WORKING)) {
            close("handshake ack without a handshake");
        }
    }

    private void onData(byte[] body) {
        if (state.get() != AgentState.WORKING) {
            close("received data before the handshake ack");
            return;
        }
        Message message;
        try {
            message = host.codec().decode(body);
        } catch (ProtocolException e) {
            close("malformed message: " + e.getMessage());
            return;
        }
        if (message.type() != MessageType.REQUEST && message.type() != MessageType.NOTIFY) {
            close("client sent a " + message.type() + " message");
            return;
        }
        host.dispatch(session, message);
    }

    @Override
    public boolean respond(long requestId, byte[] data, boolean error) {
        return send(error ? Message.errorResponse(requestId, data) : Message.response(requestId, data));
    }

    @Override
    public boolean push(String route, byte[] data) {
        return send(Message.push(route, data));
    }

    /** Encodes and queues a message for the client; false when the agent is closed or the queue refused it. */
    public boolean send(Message message) {
        if (state.get() == AgentState.CLOSED) {
            return false;
        }
        byte[] body = host.codec().encode(message);
        boolean queued = outbox.offer(PacketCodec.encode(PacketType.DATA, body));
        MetricsReporter metrics = host.metrics();
        if (metrics != MetricsReporter.NONE) {
            metrics.channelCapacity(PitayaMetrics.CHANNEL_AGENT_SEND, outbox.free());
        }
        return queued;
    }

    /** Sends a heartbeat if the handshake is done; the heartbeat monitor calls this every interval. */
    void heartbeat() {
        AgentState s = state.get();
        if (s == AgentState.HANDSHAKE || s == AgentState.WORKING) {
            outbox.offer(HEARTBEAT);
        }
    }

    /** Nanos the write in flight has been waiting, 0 if none. */
    long writeInFlightNanos(long nowNanos) {
        return outbox.writeInFlightNanos(nowNanos);
    }

    /** Queues a kick packet after everything already queued, then closes the connection. */
    @Override
    public void kick() {
        if (state.get() == AgentState.CLOSED) {
            return;
        }
        outbox.offer(KICK);
        closeAfterFlush("kicked");
    }

    /** Closes the connection now; queued packets are dropped. */
    @Override
    public void close(String reason) {
        if (markClosed(reason)) {
            connection.close();
        }
    }

    private void closeAfterFlush(String reason) {
        if (markClosed(reason)) {
            outbox.closeWhenFlushed();
            // a client that stops reading must not keep the connection open forever
            host.schedule(connection::close, host.config().writeTimeout());
        }
    }

    private boolean markClosed(String reason) {
        AgentState previous = state.getAndSet(AgentState.CLOSED);
        if (previous == AgentState.CLOSED) {
            return false;
        }
        closeReason = reason;
        LOG.log(Level.FINE, "agent {0} ({1} {2}) closed: {3}",
                new Object[]{id, connection.transport(), connection.remoteAddress(), reason});
        host.closed(this, session);
        return true;
    }
}
