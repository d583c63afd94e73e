package io.pitaya.core.handler;

import io.pitaya.api.pipeline.AfterContext;
import io.pitaya.api.pipeline.BeforeContext;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What before and after hooks change in one call, handler or remote: its argument, its result or error, and the
 * attributes the hooks pass each other. Subclasses say what is called. Confined to the thread running the call.
 */
public abstract class PipelineCall implements BeforeContext, AfterContext {

    private Object argument;
    private Object result;
    private Throwable error;
    private Map<String, Object> attributes;

    protected PipelineCall(Object argument) {
        this.argument = argument;
    }

    @Override
    public final Object argument() {
        return argument;
    }

    @Override
    public final void setArgument(Object argument) {
        this.argument = argument;
    }

    @Override
    public final Map<String, Object> attributes() {
        if (attributes == null) {
            attributes = new HashMap<>();
        }
        return attributes;
    }

    @Override
    public final Object result() {
        return result;
    }

    @Override
    public final Throwable error() {
        return error;
    }

    @Override
    public final void setResult(Object result) {
        this.result = result;
        this.error = null;
    }

    @Override
    public final void setError(Throwable error) {
        this.error = Objects.requireNonNull(error, "error");
        this.result = null;
    }
}
