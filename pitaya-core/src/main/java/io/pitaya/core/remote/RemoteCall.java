package io.pitaya.core.remote;

import io.pitaya.api.Session;
import io.pitaya.api.pipeline.CallType;
import io.pitaya.core.handler.PipelineCall;

import java.lang.reflect.Method;

/** One remote call through the remote hooks: what they see and change. Confined to the thread running the call. */
final class RemoteCall extends PipelineCall {

    private final String serverType;
    private final RemoteMethod remote;

    RemoteCall(String serverType, RemoteMethod remote, Object argument) {
        super(argument);
        this.serverType = serverType;
        this.remote = remote;
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
    public String toString() {
        return "REMOTE " + route();
    }
}
