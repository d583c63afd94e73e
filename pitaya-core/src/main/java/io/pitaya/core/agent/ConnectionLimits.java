package io.pitaya.core.agent;

import io.pitaya.core.config.ConfigReader;
import io.pitaya.spi.PacketSink;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the server enforces on every connection besides the heartbeat: Pitaya's rate limiting (off unless enabled,
 * as in Pitaya where the application must wrap its acceptor) and a handshake deadline (our addition, on by default).
 * One instance per server; it also counts the packets rate limiting dropped.
 */
public final class ConnectionLimits {

    /** Turns the rate limiting on (Pitaya turns it on by wrapping an acceptor in code). */
    public static final String RATE_LIMITING_ENABLED = "pitaya.conn.ratelimiting.enabled";
    public static final String RATE_LIMIT = "pitaya.conn.ratelimiting.limit";
    public static final String RATE_LIMIT_INTERVAL = "pitaya.conn.ratelimiting.interval";
    /** Pitaya's operator switch: wins over {@link #RATE_LIMITING_ENABLED}. */
    public static final String RATE_LIMITING_FORCE_DISABLE = "pitaya.conn.ratelimiting.forcedisable";
    public static final String HANDSHAKE_TIMEOUT = "pitaya.conn.handshake.timeout";

    public static final int DEFAULT_RATE_LIMIT = 20;
    public static final Duration DEFAULT_RATE_LIMIT_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /** Nothing enforced: no rate limiting, no handshake deadline. */
    public static final ConnectionLimits NONE = new ConnectionLimits(false, DEFAULT_RATE_LIMIT, DEFAULT_RATE_LIMIT_INTERVAL, Duration.ZERO);

    private final boolean rateLimiting;
    private final int rateLimit;
    private final Duration rateLimitInterval;
    private final Duration handshakeTimeout;
    private final LongAdder exceeded = new LongAdder();

    /**
     * @param handshakeTimeout zero turns the handshake deadline off
     */
    public ConnectionLimits(boolean rateLimiting, int rateLimit, Duration rateLimitInterval, Duration handshakeTimeout) {
        if (rateLimit < 1) {
            throw new IllegalArgumentException(RATE_LIMIT + " must be >= 1: " + rateLimit);
        }
        if (rateLimitInterval.isNegative() || rateLimitInterval.isZero()) {
            throw new IllegalArgumentException(RATE_LIMIT_INTERVAL + " must be > 0: " + rateLimitInterval);
        }
        if (handshakeTimeout.isNegative()) {
            throw new IllegalArgumentException(HANDSHAKE_TIMEOUT + " must be >= 0 (0 turns it off): " + handshakeTimeout);
        }
        this.rateLimiting = rateLimiting;
        this.rateLimit = rateLimit;
        this.rateLimitInterval = rateLimitInterval;
        this.handshakeTimeout = handshakeTimeout;
    }

    public static ConnectionLimits from(Config config) {
        boolean enabled = ConfigReader.bool(config, RATE_LIMITING_ENABLED, false)
                && !ConfigReader.bool(config, RATE_LIMITING_FORCE_DISABLE, false);
        return new ConnectionLimits(enabled,
                ConfigReader.integer(config, RATE_LIMIT, DEFAULT_RATE_LIMIT),
                ConfigReader.duration(config, RATE_LIMIT_INTERVAL, DEFAULT_RATE_LIMIT_INTERVAL),
                ConfigReader.duration(config, HANDSHAKE_TIMEOUT, DEFAULT_HANDSHAKE_TIMEOUT));
    }

    public boolean rateLimiting() {
        return rateLimiting;
    }

    public int rateLimit() {
        return rateLimit;
    }

    public Duration rateLimitInterval() {
        return rateLimitInterval;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** Packets dropped by rate limiting on all connections since start (Pitaya's {@code exceeded_rate_limiting}). */
    public long exceededRateLimit() {
        return exceeded.sum();
    }

    /**
     * Applies the limits to a new connection: schedules its handshake deadline on {@code host} and returns what the
     * acceptor should deliver packets to (the agent itself, or a rate-limiting wrapper around it).
     */
    public PacketSink apply(Agent agent, AgentHost host) {
        if (!handshakeTimeout.isZero()) {
            host.schedule(new HandshakeDeadline(agent, handshakeTimeout), handshakeTimeout);
        }
        return rateLimiting ? new RateLimitedSink(agent, new RateLimiter(rateLimit, rateLimitInterval), exceeded) : agent;
    }

    @Override
    public String toString() {
        return "rate limiting " + (rateLimiting ? rateLimit + " packets per " + rateLimitInterval.toMillis() + " ms" : "off")
                + ", handshake timeout " + (handshakeTimeout.isZero() ? "off" : handshakeTimeout.toMillis() + " ms");
    }
}
