package io.pitaya.core.remote;

import io.pitaya.api.Session;
import io.pitaya.api.pipeline.AfterContext;
import io.pitaya.api.pipeline.BeforeContext;
import io.pitaya.api.pipeline.CallType;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** One remote call through the remote hooks: what they see and change. Confined to the thread running the call. */
final class RemoteCall implements BeforeContext, AfterContext {

    private final String serverType;
    private final RemoteMethod remote;
    private Object argument;
    private Object result;
    private Throwable error;
    private Map<String, Object> attributes;

    RemoteCall(String serverType, RemoteMethod remote, Object argument) {
        this.serverType = serverType;
        this.remote = remote;
        this.argument = argument;
    }

    @Override
    public String route() {
        return serverType + "." + remote.key();
    }

    @Override
    public String service() {
        return remote.key().substring(0, remote.key().indexOf('.'));
    }

    @Override
    public String method() {
        return remote.key().substring(remote.key().indexOf('.') + 1);
    }

    /** Remote calls have no session. */
    @Override
    public Session session() {
        return null;
    }

    @Override
    public CallType callType() {
        return CallType.REMOTE;
    }

    @Override
    public Method handlerMethod() {
        return remote.method();
    }

    @Override
    public Object argument() {
        return argument;
    }

    @Override
    public void setArgument(Object argument) {
        this.argument = argument;
    }

    @Override
    public Map<String, Object> attributes() {
        if (attributes == null) {
            attributes = new HashMap<>();
        }
        return attributes;
    }

    @Override
    public Object result() {
        return result;
    }

    @Override
    public Throwable error() {
        return error;
    }

    @Override
    public void setResult(Object result) {
        this.result = result;
        this.error = null;
    }

    @Override
    public void setError(Throwable error) {
        this.error = Objects.requireNonNull(error, "error");
        this.result = null;
    }

    @Override
    public String toString() {
        return "REMOTE " + route();
    }
}
