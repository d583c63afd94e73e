package io.pitaya.core.handler;

import io.pitaya.api.PitayaException;
import io.pitaya.api.Serializer;
import io.pitaya.core.session.LocalSession;
import io.pitaya.protocol.error.ErrorPayload;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageType;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one client message against the route table and answers it the way Pitaya does: the handler's result,
 * or an error payload with Pitaya's codes and messages. Called on the session's mailbox, so one session's
 * messages never overlap.
 */
public final class HandlerDispatcher {

    private static final Logger LOG = Logger.getLogger(HandlerDispatcher.class.getName());

    private final String serverType;
    private final HandlerRegistry registry;
    private final Serializer serializer;
    private final InvocationScope scope;

    public HandlerDispatcher(String serverType, HandlerRegistry registry, Serializer serializer, InvocationScope scope) {
        this.serverType = serverType;
        this.registry = registry;
        this.serializer = serializer;
        this.scope = scope;
    }

    public void handle(LocalSession session, Message message) {
        boolean request = message.type() == MessageType.REQUEST;
        try {
            Object result = invoke(session, message, request);
            if (request) {
                byte[] data = result instanceof byte[] raw ? raw : serializer.marshal(result);
                session.agent().send(Message.response(message.id(), data));
            }
        } catch (PitayaException e) {
            answerError(session, message, request, e.code(), e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            // like Pitaya's recovered panics: the client still gets an answer
            answerError(session, message, request, PitayaException.UNKNOWN, String.valueOf(e.getMessage()), e);
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
        }
    }

    private Object invoke(LocalSession session, Message message, boolean request) {
        HandlerRoute route = HandlerRoute.parse(message.route(), serverType);
        if (route == null) {
            throw new PitayaException(PitayaException.BAD_REQUEST, "invalid route");
        }
        if (!route.serverType().equals(serverType)) {
            // Standalone: no other server can take it. Pitaya would drop it silently; an answer is kinder.
            throw new PitayaException(PitayaException.INTERNAL, "no servers available of this type",
                    Map.of("serverType", route.serverType()));
        }
        HandlerMethod handler = registry.lookup(route.key());
        if (handler == null) {
            throw new PitayaException(PitayaException.NOT_FOUND, "pitaya/handler: " + route + " not found");
        }
        if (request && handler.kind() == HandlerKind.NOTIFY) {
            throw new PitayaException(PitayaException.BAD_REQUEST, "tried to request a notify route");
        }
        Object[] args = arguments(handler, session, message.data());
        Object result = scope.call(session, () -> call(handler, args));
        if (request && result == null) {
            throw new PitayaException(PitayaException.UNKNOWN, "reply must not be null");
        }
        return result;
    }

    private Object[] arguments(HandlerMethod handler, LocalSession session, byte[] payload) {
        HandlerMethod.ParameterKind[] kinds = handler.parameters();
        Object[] args = new Object[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            args[i] = switch (kinds[i]) {
                case SESSION -> session;
                case RAW_PAYLOAD -> payload;
                case PAYLOAD -> deserialize(handler, payload);
            };
        }
        return args;
    }

    private Object deserialize(HandlerMethod handler, byte[] payload) {
        if (payload.length == 0) {
            return null;
        }
        try {
            return serializer.unmarshal(payload, handler.payloadType());
        } catch (RuntimeException e) {
            throw new PitayaException(PitayaException.BAD_REQUEST, "could not decode the payload of "
                    + handler.key() + ": " + e.getMessage(), Map.of(), e);
        }
    }

    private static Object call(HandlerMethod handler, Object[] args) {
        try {
            return handler.method().invoke(handler.target().get(), args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new PitayaException(PitayaException.UNKNOWN, String.valueOf(cause.getMessage()), Map.of(), cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + handler, e);
        }
    }

    private void answerError(LocalSession session, Message message, boolean request, String code, String msg,
                             Throwable cause) {
        if (!request) {
            LOG.log(Level.WARNING, "notify " + message.route() + " of " + session + " failed: " + code + " " + msg, cause);
            return;
        }
        if (PitayaException.UNKNOWN.equals(code) && !(cause instanceof PitayaException)) {
            LOG.log(Level.WARNING, "request " + message.route() + " of " + session + " failed", cause);
        }
        Map<String, String> metadata = cause instanceof PitayaException p ? p.metadata() : Map.of();
        byte[] data = serializer.marshalError(new ErrorPayload(code, msg, metadata));
        session.agent().send(Message.errorResponse(message.id(), data));
    }
}
