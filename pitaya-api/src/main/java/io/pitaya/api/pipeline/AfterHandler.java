package io.pitaya.api.pipeline;

/**
 * A hook that runs after every handler call, whether it returned or threw (Pitaya's
 * {@code HandlerHooks.AfterHandler}). Implement it in a CDI bean of the application; hooks are found and ordered
 * like {@link BeforeHandler}s ({@link jakarta.annotation.Priority @Priority}, lowest value first, default
 * {@link BeforeHandler#DEFAULT_PRIORITY}) and run in the handler's CDI request context.
 *
 * <p>Every after hook runs, in order; each sees the outcome left by the previous one and may replace the result or
 * the error. A hook that throws replaces the outcome with what it threw, and the next hooks still run. After hooks
 * do not run when a before hook aborted the call, or when the call never reached a handler (unknown route, a
 * payload that cannot be deserialized).
 */
@FunctionalInterface
public interface AfterHandler {

    void afterHandler(AfterContext context) throws Exception;
}
