package io.pitaya.core.remote;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.function.Supplier;

/**
 * One method other servers may call.
 *
 * @param key          the route key, {@code service.method}
 * @param argumentType the type the argument is decoded to, or null when the method takes none
 */
public record RemoteMethod(String key, Method method, Supplier<Object> target, Type argumentType) {

    public boolean takesArgument() {
        return argumentType != null;
    }

    @Override
    public String toString() {
        return key + " -> " + method.getDeclaringClass().getName() + "#" + method.getName();
    }
}
