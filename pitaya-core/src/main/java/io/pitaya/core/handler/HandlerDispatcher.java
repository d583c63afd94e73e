package io.pitaya.core.handler;

import io.pitaya.api.PitayaError;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Serializer;
import io.pitaya.core.session.LocalSession;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageType;

import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one client message against the route table and answers it the way Pitaya does: the handler's result,
 * or an error payload with Pitaya's codes and messages. Route checks and deserialization come first; then, inside
 * the invocation scope (the CDI request context), the {@link HandlerPipeline}'s before hooks, the handler and the
 * after hooks. Called on the session's mailbox, so one session's messages never overlap.
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
        Object decoded = argument(handler, message.data());
        HandlerCall call = new HandlerCall(route, session, message.type(), handler, decoded);
        HandlerPipeline pipeline = registry.pipeline();
        return scope.call(session, () -> pipeline.run(call,
                argument -> call(handler, arguments(handler, session, argument, argument != decoded))));
    }

    /** The payload as the handler takes it: deserialized, raw bytes, or null when it takes none. */
    private Object argument(HandlerMethod handler, byte[] payload) {
        for (HandlerMethod.ParameterKind kind : handler.parameters()) {
            switch (kind) {
                case RAW_PAYLOAD:
                    return payload;
                case PAYLOAD:
                    return deserialize(handler, payload);
                default:
                    break;
            }
        }
        return null;
    }

    private static Object[] arguments(HandlerMethod handler, LocalSession session, Object argument, boolean replaced) {
        HandlerMethod.ParameterKind[] kinds = handler.parameters();
        Object[] args = new Object[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == HandlerMethod.ParameterKind.SESSION) {
                args[i] = session;
            } else {
                args[i] = replaced ? checkedArgument(handler, i, argument) : argument;
            }
        }
        return args;
    }

    /** A before hook may have replaced the argument with something the method cannot take: say so clearly. */
    private static Object checkedArgument(HandlerMethod handler, int index, Object argument) {
        if (argument == null) {
            return null;
        }
        Class<?> type = MethodType.methodType(handler.method().getParameterTypes()[index]).wrap().returnType();
        if (!type.isInstance(argument)) {
            throw new PitayaException(PitayaException.UNKNOWN, handler.key() + " takes a " + type.getName()
                    + ", but a before-handler hook gave it a " + argument.getClass().getName());
        }
        return argument;
    }

    private Object deserialize(HandlerMethod handler, byte[] payload) {
        // an empty payload goes to the serializer too: JSON makes it null, protobuf the default message
        try {
            return serializer.unmarshal(payload, handler.payloadType());
        } catch (RuntimeException e) {
            throw new PitayaException(PitayaException.BAD_REQUEST, "could not decode the payload of "
                    + handler.key() + ": " + e.getMessage(), Map.of(), e);
        }
    }

    /** Calls the handler method; throws what it threw (checked exceptions too). */
    private static Object call(HandlerMethod handler, Object[] args) throws Throwable {
        try {
            return handler.method().invoke(handler.target().get(), args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
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
        byte[] data = serializer.marshalError(new PitayaError(code, msg, metadata));
        session.agent().send(Message.errorResponse(message.id(), data));
    }
}
