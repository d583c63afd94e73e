package io.pitaya.api.pipeline;

/**
 * A hook that runs before every call of a {@link io.pitaya.api.Remote} method from another server (or this one through
 * {@link io.pitaya.api.Rpc}), after the argument was decoded (Pitaya's {@code RemoteHooks.BeforeHandler}). Implement
 * it in a CDI bean of the application; hooks are found and ordered like {@link BeforeHandler}s
 * ({@link jakarta.annotation.Priority @Priority}, lowest value first). The context's {@link HandlerContext#callType()
 * call type} is {@link CallType#REMOTE}, its {@link HandlerContext#session() session} is null (remote calls have
 * none) and its {@link HandlerContext#handlerMethod() method} is the remote's.
 *
 * <p>A hook may inspect or replace the argument. Throwing aborts the call: the remote and the remaining hooks do not
 * run, no after hook runs, and the caller gets, as from Go Pitaya, {@code PIT-500} with the exception's message
 * (whatever the exception's code).
 */
@FunctionalInterface
public interface BeforeRemote {

    void beforeRemote(BeforeContext context) throws Exception;
}
