package io.pitaya.core.remote;

import io.pitaya.api.Remote;
import io.pitaya.api.Session;
import io.pitaya.core.handler.RouteNaming;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Turns a {@link Remote} class into its remote routes, with {@code @Handler}'s naming rules. */
public final class RemoteScanner {

    private RemoteScanner() {
    }

    public static String serviceName(Class<?> type) {
        Remote remote = type.getAnnotation(Remote.class);
        return RouteNaming.serviceName(remote == null ? null : remote.value(), type);
    }

    public static List<RemoteMethod> scan(Class<?> type, Supplier<Object> target) {
        String service = serviceName(type);
        List<RemoteMethod> methods = new ArrayList<>();
        for (RouteNaming.NamedMethod named : RouteNaming.routeMethods(type)) {
            methods.add(describe(service + "." + named.name(), named.method(), target));
        }
        if (methods.isEmpty()) {
            throw new IllegalStateException("@Remote " + type.getName() + " has no public remote methods");
        }
        return methods;
    }

    private static RemoteMethod describe(String key, Method method, Supplier<Object> target) {
        if (method.getParameterCount() > 1) {
            throw new IllegalStateException("remote " + method + " takes more than one parameter (at most one argument)");
        }
        if (method.getParameterCount() == 1 && method.getParameterTypes()[0] == Session.class) {
            throw new IllegalStateException("remote " + method + " takes a Session: remotes are called by servers, "
                    + "without a session");
        }
        method.setAccessible(true);
        return new RemoteMethod(key, method, target,
                method.getParameterCount() == 1 ? method.getGenericParameterTypes()[0] : null);
    }
}
