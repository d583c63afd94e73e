package io.pitaya.core.remote;

import io.pitaya.api.Ignore;
import io.pitaya.api.Remote;
import io.pitaya.api.Route;
import io.pitaya.api.Session;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Turns a {@link Remote} class into its remote routes, with {@code @Handler}'s naming rules. */
public final class RemoteScanner {

    private RemoteScanner() {
    }

    public static String serviceName(Class<?> type) {
        Remote remote = type.getAnnotation(Remote.class);
        String name = remote == null || remote.value().isEmpty()
                ? type.getSimpleName().toLowerCase(Locale.ROOT)
                : remote.value();
        checkName(name, type.getName());
        return name;
    }

    public static List<RemoteMethod> scan(Class<?> type, Supplier<Object> target) {
        String service = serviceName(type);
        List<RemoteMethod> methods = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (!isCandidate(method)) {
                continue;
            }
            Route route = method.getAnnotation(Route.class);
            String name = route == null ? method.getName().toLowerCase(Locale.ROOT) : route.value();
            checkName(name, method.toString());
            methods.add(describe(service + "." + name, method, target));
        }
        if (methods.isEmpty()) {
            throw new IllegalStateException("@Remote " + type.getName() + " has no public remote methods");
        }
        return methods;
    }

    private static boolean isCandidate(Method method) {
        int modifiers = method.getModifiers();
        return method.getDeclaringClass() != Object.class
                && !Modifier.isStatic(modifiers)
                && !method.isSynthetic()
                && !method.isBridge()
                && !method.isAnnotationPresent(Ignore.class)
                && !method.isAnnotationPresent(jakarta.annotation.PostConstruct.class)
                && !method.isAnnotationPresent(jakarta.annotation.PreDestroy.class);
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

    private static void checkName(String name, String where) {
        if (name.isBlank() || name.contains(".") || name.contains("/")) {
            throw new IllegalStateException("invalid route name \"" + name + "\" for " + where + ": must be non-empty, without '.' or '/'");
        }
    }
}
