package io.pitaya.core.handler;

import io.pitaya.api.Session;
import io.pitaya.api.pipeline.AfterContext;
import io.pitaya.api.pipeline.BeforeContext;
import io.pitaya.api.pipeline.CallType;
import io.pitaya.protocol.message.MessageType;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** One call through the pipeline: what the hooks see and change. Confined to the thread running the message. */
final class HandlerCall implements BeforeContext, AfterContext {

    private final HandlerRoute route;
    private final Session session;
    private final CallType type;
    private final HandlerMethod handler;
    private Object argument;
    private Object result;
    private Throwable error;
    private Map<String, Object> attributes;

    HandlerCall(HandlerRoute route, Session session, MessageType type, HandlerMethod handler, Object argument) {
        this.route = route;
        this.session = session;
        this.type = type == MessageType.REQUEST ? CallType.REQUEST : CallType.NOTIFY;
        this.handler = handler;
        this.argument = argument;
    }

    HandlerMethod handler() {
        return handler;
    }

    @Override
    public String route() {
        return route.toString();
    }

    @Override
    public String service() {
        return route.service();
    }

    @Override
    public String method() {
        return route.method();
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public CallType callType() {
        return type;
    }

    @Override
    public Method handlerMethod() {
        return handler.method();
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
        return type + " " + route;
    }
}
