package io.pitaya.api.pipeline;

import io.pitaya.api.Session;

import java.lang.reflect.Method;
import java.util.Map;

/**
 * One handler call as the {@link BeforeHandler} and {@link AfterHandler} hooks see it. A new context is made for
 * every client message that reached a handler; it is used by one thread only and must not be kept after the hook
 * returns.
 */
public interface HandlerContext {

    /** The route with this server's type in front, e.g. {@code connector.room.join}, whatever form the client used. */
    String route();

    /** The handler's service name, e.g. {@code room}. */
    String service();

    /** The route's method part, e.g. {@code join}. */
    String method();

    /** The session of the client that sent the message; null for a remote call ({@link CallType#REMOTE}). */
    Session session();

    /**
     * {@link CallType#REQUEST} (the client waits for an answer) or {@link CallType#NOTIFY}; {@link CallType#REMOTE} for
     * {@link BeforeRemote} and {@link AfterRemote} hooks.
     */
    CallType callType();

    default boolean isRequest() {
        return callType() == CallType.REQUEST;
    }

    /** The Java method that handles the route; read its annotations to drive a hook (roles, rate classes...). */
    Method handlerMethod();

    /**
     * The argument the handler receives: the payload deserialized with the server's serializer, the raw bytes for a
     * {@code byte[]} parameter, or null when the payload was empty or the handler takes none. A before hook may have
     * replaced it.
     */
    Object argument();

    /**
     * Values hooks share during this call (Pitaya's hooks pass a {@code context.Context} along for the same purpose),
     * e.g. a start time put by a before hook and read by an after hook. Mutable; starts empty.
     */
    Map<String, Object> attributes();
}
