package io.pitaya.api.pipeline;

/**
 * A hook that runs before every handler call, after the payload was deserialized (Pitaya's
 * {@code HandlerHooks.BeforeHandler}). Implement it in a CDI bean of the application, e.g.
 * {@code @ApplicationScoped}; the core finds every such bean at startup and orders them by
 * {@link jakarta.annotation.Priority @Priority}, lowest value first (no annotation counts as
 * {@link #DEFAULT_PRIORITY}). Hooks run on the handler's thread, inside the handler's CDI request context, so the
 * injected {@code Session} and {@code @RequestScoped} beans are those of the message.
 *
 * <p>A hook may inspect or {@link BeforeContext#setArgument replace} the argument. Throwing aborts the call: the
 * handler and the remaining before hooks do not run, no after hook runs, and a request is answered with the error
 * (a {@code PitayaException} keeps its code and metadata, anything else becomes {@code PIT-000} with its message;
 * a notify is only logged).
 */
@FunctionalInterface
public interface BeforeHandler {

    /** Priority of hooks without {@code @Priority} (CDI's default for ordered observers). */
    int DEFAULT_PRIORITY = jakarta.interceptor.Interceptor.Priority.APPLICATION + 500;

    void beforeHandler(BeforeContext context) throws Exception;
}
