package io.pitaya.core.handler;

/** Whether a handler answers (request) or not (notify); decided by its return type. */
public enum HandlerKind {
    REQUEST,
    NOTIFY
}
