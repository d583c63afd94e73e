package io.pitaya.core.agent;

/** Pitaya's connection states: a client must handshake, then acknowledge, before sending data. */
public enum AgentState {
    /** Accepted; waiting for the client's handshake. */
    START,
    /** Handshake answered; waiting for the client's ack. */
    HANDSHAKE,
    /** Ack received; data flows. */
    WORKING,
    CLOSED
}
