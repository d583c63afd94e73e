package io.pitaya.api.pipeline;

/** What a {@link BeforeHandler} sees: the call before the handler runs, with a replaceable argument. */
public interface BeforeContext extends HandlerContext {

    /**
     * Replaces the argument the handler (and later hooks) receive. It must fit the handler's payload parameter,
     * otherwise the client gets {@code PIT-000}; for a handler without a payload parameter it has no effect.
     */
    void setArgument(Object argument);
}
