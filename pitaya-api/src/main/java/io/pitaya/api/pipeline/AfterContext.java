package io.pitaya.api.pipeline;

/**
 * What an {@link AfterHandler} sees: the outcome of the call so far, a result or an error, which the hook may
 * replace. The outcome the last hook leaves is what the client gets.
 */
public interface AfterContext extends HandlerContext {

    /** What the handler returned (or an earlier hook set); null for notify handlers and when {@link #error()} is set. */
    Object result();

    /**
     * Why the call failed, or null: what the handler threw (a {@code PitayaException} keeps its code, anything
     * else reaches the client as {@code PIT-000} with its message), {@code PIT-000 "reply must not be null"} when
     * a request handler returned null, or what an earlier hook set.
     */
    Throwable error();

    default boolean failed() {
        return error() != null;
    }

    /** Answers with {@code result} instead; clears the error. */
    void setResult(Object result);

    /** Answers with {@code error} instead (not null); clears the result. */
    void setError(Throwable error);
}
