package io.pitaya.core.health;

/**
 * A part of the server its readiness depends on besides the core and the acceptors (cluster mode: the NATS
 * connection, the etcd registration), found as a CDI bean by the health module, so that modules need no health API.
 * The server is ready only when every contributor is. Asked on every readiness probe: answer from state already
 * known, without network calls.
 */
public interface ReadinessContributor {

    /** Short name, shown in the readiness answer's data (e.g. {@code nats}). */
    String name();

    boolean ready();

    /** A word on the state, for the readiness answer (e.g. the server URL or why it is not ready). */
    default String detail() {
        return ready() ? "UP" : "DOWN";
    }
}
