package io.pitaya.core.agent;

import io.pitaya.api.Handshake;
import io.pitaya.core.config.PitayaConfig;
import io.pitaya.core.metrics.MetricsReporter;
import io.pitaya.core.session.LinkedSession;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageCodec;

import java.time.Duration;

/** What an {@link Agent} needs from the server around it; one instance is shared by all agents. */
public interface AgentHost {

    PitayaConfig config();

    /** Where Pitaya's metrics go ({@link MetricsReporter#NONE} when nowhere). */
    default MetricsReporter metrics() {
        return MetricsReporter.NONE;
    }

    MessageCodec codec();

    /** The whole handshake packet answering a valid handshake (built once: it never changes while running). */
    byte[] handshakeAccepted();

    /** The whole handshake packet (code 400) sent before closing a rejected handshake. */
    byte[] handshakeRejected();

    /**
     * Checks the client's handshake; throws with the reason to reject it.
     */
    void validateHandshake(LinkedSession session, Handshake handshake);

    /** A decoded client request or notify of a working agent's session: route it (never run on the calling I/O thread). */
    void dispatch(LinkedSession session, Message message);

    /** Runs {@code task} once after {@code delay} on the server's scheduler. */
    void schedule(Runnable task, Duration delay);

    /** The agent closed; release what the server holds for it and its session, and run close callbacks. Once per agent. */
    void closed(Agent agent, LinkedSession session);
}
