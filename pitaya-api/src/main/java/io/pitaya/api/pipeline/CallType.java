package io.pitaya.api.pipeline;

/** What kind of call a handler (or remote) serves. */
public enum CallType {
    /** A request: the client waits for the handler's result or an error. */
    REQUEST,
    /** A notify: nothing goes back to the client. */
    NOTIFY,
    /** A remote called by another server through {@link io.pitaya.api.Rpc}: the caller waits; there is no session. */
    REMOTE
}
