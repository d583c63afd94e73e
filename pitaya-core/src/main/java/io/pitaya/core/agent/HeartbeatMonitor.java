package io.pitaya.core.agent;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * One periodic task for all agents (no timer per connection): every heartbeat interval it drops agents silent
 * for more than twice the interval, as Pitaya does, drops agents whose write has been stuck longer than the
 * write timeout, and sends a heartbeat to the rest.
 */
public final class HeartbeatMonitor implements Runnable {

    private final Supplier<? extends Iterable<Agent>> agents;
    private final long silenceLimitNanos;
    private final long writeTimeoutNanos;

    public HeartbeatMonitor(Supplier<? extends Iterable<Agent>> agents, Duration interval, Duration writeTimeout) {
        this.agents = agents;
        this.silenceLimitNanos = interval.multipliedBy(2).toNanos();
        this.writeTimeoutNanos = writeTimeout.toNanos();
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        for (Agent agent : agents.get()) {
            if (now - agent.lastSeenNanos() > silenceLimitNanos) {
                agent.close("heartbeat timeout");
            } else if (agent.writeInFlightNanos(now) > writeTimeoutNanos) {
                agent.close("write timed out");
            } else {
                agent.heartbeat();
            }
        }
    }
}
