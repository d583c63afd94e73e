package io.pitaya.client.impl;

/**
 * Where a client is in its one-way life: NEW, CONNECTING (transport opening), HANDSHAKING, CONNECTED, CLOSED.
 * Compound steps that must not interleave with a transition synchronize on this object.
 */
final class ConnectionPhase {

    enum Phase { NEW, CONNECTING, HANDSHAKING, CONNECTED, CLOSED }

    private Phase phase = Phase.NEW; // guarded by this

    /** NEW to CONNECTING; a client connects once. */
    synchronized void beginConnect() {
        if (phase != Phase.NEW) {
            throw new IllegalStateException(phase == Phase.CLOSED
                    ? "client is closed; create a new one"
                    : "client is already connected or connecting");
        }
        phase = Phase.CONNECTING;
    }

    /** Back to NEW when the transport refused the address up front. */
    synchronized void connectRejected() {
        phase = Phase.NEW;
    }

    synchronized boolean is(Phase p) {
        return phase == p;
    }

    synchronized Phase get() {
        return phase;
    }

    synchronized void set(Phase p) {
        phase = p;
    }

    /** Moves to CLOSED; the phase it left, or null if it was closed already. */
    synchronized Phase close() {
        if (phase == Phase.CLOSED) {
            return null;
        }
        Phase was = phase;
        phase = Phase.CLOSED;
        return was;
    }
}
