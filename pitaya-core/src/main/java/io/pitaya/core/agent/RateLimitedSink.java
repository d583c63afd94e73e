package io.pitaya.core.agent;

import io.pitaya.protocol.Packet;
import io.pitaya.protocol.ProtocolException;
import io.pitaya.spi.PacketSink;

import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sits between an acceptor and an {@link Agent} when rate limiting is on, like Pitaya's acceptor wrapper: every
 * packet (handshake, ack, heartbeat, data) counts, and packets over the limit are dropped silently, so the agent
 * never sees them (they do not refresh its heartbeat either) and the client sees a request time out. Drops are
 * counted and logged at FINE.
 */
public final class RateLimitedSink implements PacketSink {

    private static final Logger LOG = Logger.getLogger(RateLimitedSink.class.getName());

    private final Agent agent;
    private final RateLimiter limiter;
    private final LongAdder exceeded;
    private long dropped; // packets of one connection arrive one at a time

    public RateLimitedSink(Agent agent, RateLimiter limiter, LongAdder exceeded) {
        this.agent = agent;
        this.limiter = limiter;
        this.exceeded = exceeded;
    }

    public Agent agent() {
        return agent;
    }

    /** Packets dropped on this connection so far. */
    public long dropped() {
        return dropped;
    }

    @Override
    public void onPacket(Packet packet) {
        if (limiter.tryAcquire(System.nanoTime())) {
            agent.onPacket(packet);
            return;
        }
        dropped++;
        exceeded.increment();
        agent.metrics().exceededRateLimiting();
        if (LOG.isLoggable(Level.FINE)) {
            LOG.log(Level.FINE, "agent {0} ({1} {2}): rate limit exceeded, dropped a {3} packet ({4} dropped on this connection)",
                    new Object[]{agent.id(), agent.transport(), agent.remoteAddress(), packet.type(), dropped});
        }
    }

    @Override
    public void onProtocolError(ProtocolException error) {
        agent.onProtocolError(error);
    }

    @Override
    public void onClosed() {
        agent.onClosed();
    }
}
