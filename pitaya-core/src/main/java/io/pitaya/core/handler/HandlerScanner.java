package io.pitaya.core.handler;

import io.pitaya.api.Handler;
import io.pitaya.api.Session;
import io.pitaya.core.handler.HandlerMethod.ParameterKind;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Turns a {@link Handler} class into its route table entries, rejecting shapes it cannot call. */
public final class HandlerScanner {

    private HandlerScanner() {
    }

    public static String serviceName(Class<?> type) {
        Handler handler = type.getAnnotation(Handler.class);
        return RouteNaming.serviceName(handler == null ? null : handler.value(), type);
    }

    public static List<HandlerMethod> scan(Class<?> type, Supplier<Object> target) {
        return scan(serviceName(type), type, target);
    }

    /** The route table entries of {@code type}'s methods under the given service name (built-in services). */
    public static List<HandlerMethod> scan(String service, Class<?> type, Supplier<Object> target) {
        RouteNaming.checkName(service, type.getName());
        List<HandlerMethod> methods = new ArrayList<>();
        for (RouteNaming.NamedMethod named : RouteNaming.routeMethods(type)) {
            methods.add(describe(service + "." + named.name(), named.method(), target));
        }
        if (methods.isEmpty()) {
            throw new IllegalStateException("@Handler " + type.getName() + " has no public handler methods");
        }
        return methods;
    }

    private static HandlerMethod describe(String key, Method method, Supplier<Object> target) {
        Class<?>[] types = method.getParameterTypes();
        Type[] generic = method.getGenericParameterTypes();
        ParameterKind[] kinds = new ParameterKind[types.length];
        Type payloadType = null;
        for (int i = 0; i < types.length; i++) {
            if (types[i] == Session.class) {
                kinds[i] = ParameterKind.SESSION;
                continue;
            }
            if (payloadType != null) {
                throw new IllegalStateException("handler " + method + " takes more than one payload parameter");
            }
            kinds[i] = types[i] == byte[].class ? ParameterKind.RAW_PAYLOAD : ParameterKind.PAYLOAD;
            payloadType = generic[i];
        }
        HandlerKind kind = method.getReturnType() == void.class ? HandlerKind.NOTIFY : HandlerKind.REQUEST;
        method.setAccessible(true);
        return new HandlerMethod(key, method, target, kinds, payloadType, kind);
    }
}
