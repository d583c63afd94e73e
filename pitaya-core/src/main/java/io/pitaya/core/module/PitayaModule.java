package io.pitaya.core.module;

/**
 * A built-in part of the server with its own lifecycle (Pitaya's modules): started after the server opens for
 * connections, stopped after it closed them, in reverse order.
 */
public interface PitayaModule {

    String name();

    /** Throws when the module cannot run; the server then does not start (as Pitaya fails on a module's Init). */
    void start() throws Exception;

    /** Releases everything; must not throw, and may be called when {@link #start} failed or never ran. */
    void stop();
}
