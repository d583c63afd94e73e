package io.pitaya.api.pipeline;

/**
 * A hook that runs after every call of a {@link io.pitaya.api.Remote} method, whether it returned or threw (Pitaya's
 * {@code RemoteHooks.AfterHandler}). Found and ordered like {@link BeforeRemote}s. Every after hook runs, in order;
 * each sees the outcome left by the previous one and may replace the result or the error (a hook that throws replaces
 * the outcome with what it threw). The caller gets the last outcome: a {@code PitayaException} with its code and
 * metadata, any other error as {@code PIT-000} with its message.
 */
@FunctionalInterface
public interface AfterRemote {

    void afterRemote(AfterContext context) throws Exception;
}
