package io.pitaya.core.module;

import io.pitaya.core.remote.RemoteCaller;
import io.pitaya.core.router.RemoteForwarder;

import java.util.Optional;

/**
 * A built-in part of the server with its own lifecycle (Pitaya's modules): started after the server opens for
 * connections; at shutdown told before the sessions are drained (e.g. to leave service discovery, so that no new
 * player is sent here), and stopped after the sessions closed, in reverse order.
 */
public interface PitayaModule {

    String name();

    /**
     * Where this module sends client messages for other server types (cluster mode), if it does; the server is
     * given it when it starts, before the module starts, so it must answer errors until then.
     */
    default Optional<RemoteForwarder> remoteForwarder() {
        return Optional.empty();
    }

    /**
     * Where this module sends remote calls ({@link io.pitaya.api.Rpc}) for other servers (cluster mode), if it does;
     * given to the server's remotes before the module starts, so it must answer errors until then.
     */
    default Optional<RemoteCaller> remoteCaller() {
        return Optional.empty();
    }

    /** Throws when the module cannot run; the server then does not start (as Pitaya fails on a module's Init). */
    void start() throws Exception;

    /**
     * The server's shutdown begins: called once, before new connections are refused and the sessions drained, on
     * started modules in reverse order. Must not block for long; failures are logged and the shutdown goes on.
     */
    default void beforeSessionsDrain() {
    }

    /** Releases everything; must not throw, and may be called when {@link #start} failed or never ran. */
    void stop();
}
