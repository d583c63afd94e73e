package io.pitaya.core.handler;

import io.pitaya.api.PitayaException;
import io.pitaya.api.Serializer;
import io.pitaya.api.Session;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageType;

import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one client message for this server against the route table and returns the {@link Reply} the way Pitaya
 * answers: the handler's serialized result, or an error with Pitaya's codes and messages. Deserialization comes first;
 * then, inside the invocation scope (the CDI request context), the {@link HandlerPipeline}'s before hooks, the handler
 * and the after hooks. It knows nothing of connections: whoever received the message (the router, for the session's
 * link; in cluster mode the RPC server of a backend) sends the reply. Called on the session's mailbox, so one
 * session's messages never overlap.
 */
public final class HandlerDispatcher {

    private static final Logger LOG = Logger.getLogger(HandlerDispatcher.class.getName());

    private final HandlerRegistry registry;
    private final Serializer serializer;
    private final InvocationScope scope;

    public HandlerDispatcher(HandlerRegistry registry, Serializer serializer, InvocationScope scope) {
        this.registry = registry;
        this.serializer = serializer;
        this.scope = scope;
    }

    /**
     * Runs {@code message} (whose route, parsed, is {@code route}, for this server) in {@code session}.
     * Failures are logged as Pitaya logs them; a notify's reply is {@link Reply#NONE}.
     */
    public Reply handle(Session session, HandlerRoute route, Message message) {
        boolean request = message.type() == MessageType.REQUEST;
        try {
            Object result = invoke(session, route, message, request);
            if (!request) {
                return Reply.NONE;
            }
            return Reply.of(result instanceof byte[] raw ? raw : serializer.marshal(result));
        } catch (PitayaException e) {
            return failed(session, message, request, Reply.Failure.of(e));
        } catch (RuntimeException | Error e) {
            // like Pitaya's recovered panics: the client still gets an answer (a fatal error is rethrown after it)
            return failed(session, message, request,
                    new Reply.Failure(PitayaException.UNKNOWN, String.valueOf(e.getMessage()), Map.of(), e));
        }
    }

    /** Logs a failed call like Pitaya; a request's reply carries the error, a notify's nothing. */
    public static Reply failed(Session session, Message message, boolean request, Reply.Failure error) {
        if (!request) {
            LOG.log(Level.WARNING, "notify " + message.route() + " of " + session + " failed: " + error.code() + " "
                    + error.message(), error.cause());
            return Reply.NONE;
        }
        if (PitayaException.UNKNOWN.equals(error.code()) && !(error.cause() instanceof PitayaException)) {
            LOG.log(Level.WARNING, "request " + message.route() + " of " + session + " failed", error.cause());
        }
        return Reply.failed(error);
    }

    private Object invoke(Session session, HandlerRoute route, Message message, boolean request) {
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

    private static Object[] arguments(HandlerMethod handler, Session session, Object argument, boolean replaced) {
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
}
