package io.pitaya.spi;

/**
 * The first step of the server's shutdown, for acceptors that the container may stop before the core.
 *
 * <p>A container stops an application's modules one after the other, and an acceptor's module that stops closes its
 * connections: the WebSocket container closes its sessions when the web module stops, before the core (and its
 * session drain) is even asked to stop. Such an acceptor calls {@link #closeSessions()} while its connections still
 * work, so the drain happens with every transport still open. The core obtains it as a CDI bean.
 */
public interface SessionShutdown {

    /**
     * New connections and handshakes are refused from now on; with session drain enabled
     * ({@code pitaya.session.drain.*}) this waits until every session has left or the drain timeout has passed; then
     * every remaining session is closed and this waits (at most {@code pitaya.session.closeall.timeout}) for their
     * close callbacks. Meanwhile connected sessions keep working.
     *
     * <p>Runs once: a later or concurrent call waits for the first one to finish (bounded by the same timeouts) and
     * returns. Returns at once when the server is not running.
     */
    void closeSessions();
}
