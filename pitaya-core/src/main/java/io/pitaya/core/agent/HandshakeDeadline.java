package io.pitaya.core.agent;

import java.time.Duration;

/**
 * Closes a connection that has not finished the handshake (handshake answered and acknowledged) within the
 * deadline, whatever else it sends: heartbeats keep a connection alive, not an unfinished handshake. Scheduled once
 * per connection when it is accepted; it only looks at the agent's state when it fires.
 */
public final class HandshakeDeadline implements Runnable {

    private final Agent agent;
    private final Duration timeout;

    public HandshakeDeadline(Agent agent, Duration timeout) {
        this.agent = agent;
        this.timeout = timeout;
    }

    @Override
    public void run() {
        AgentState state = agent.state();
        if (state == AgentState.START || state == AgentState.HANDSHAKE) {
            agent.close("handshake not completed within " + timeout.toMillis() + " ms");
        }
    }
}
