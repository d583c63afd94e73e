package io.pitaya.api.pipeline;

/** Whether the client waits for an answer to the message a handler call serves. */
public enum CallType {
    /** A request: the client waits for the handler's result or an error. */
    REQUEST,
    /** A notify: nothing goes back to the client. */
    NOTIFY
}
