package io.pitaya.core.handler;

import io.pitaya.api.Session;
import io.pitaya.api.pipeline.CallType;
import io.pitaya.protocol.message.MessageType;

import java.lang.reflect.Method;

/** One call through the pipeline: what the hooks see and change. Confined to the thread running the message. */
final class HandlerCall extends PipelineCall {

    private final HandlerRoute route;
    private final Session session;
    private final CallType type;
    private final HandlerMethod handler;

    HandlerCall(HandlerRoute route, Session session, MessageType type, HandlerMethod handler, Object argument) {
        super(argument);
        this.route = route;
        this.session = session;
        this.type = type == MessageType.REQUEST ? CallType.REQUEST : CallType.NOTIFY;
        this.handler = handler;
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
    public String toString() {
        return type + " " + route;
    }
}
