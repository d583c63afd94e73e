package io.pitaya.core.handler;

import io.pitaya.api.Session;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.function.Supplier;

/**
 * One client-callable method: where it is, what it takes and whether it answers.
 *
 * @param key         the route key, {@code service.method}
 * @param payloadType the type the payload is deserialized to, or null when the method takes no payload
 *                    ({@code byte[]} means raw bytes)
 */
public record HandlerMethod(String key, Method method, Supplier<Object> target, ParameterKind[] parameters,
                            Type payloadType, HandlerKind kind) {

    /** What each method parameter receives. */
    public enum ParameterKind {
        /** The {@link Session} of the message. */
        SESSION,
        /** The payload bytes as they arrived (inflated). */
        RAW_PAYLOAD,
        /** The payload deserialized with the configured serializer. */
        PAYLOAD
    }

    public boolean returnsRaw() {
        return method.getReturnType() == byte[].class;
    }

    @Override
    public String toString() {
        return key + " -> " + method.getDeclaringClass().getName() + "#" + method.getName();
    }
}
