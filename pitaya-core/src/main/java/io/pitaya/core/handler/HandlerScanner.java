package io.pitaya.core.handler;

import io.pitaya.api.Handler;
import io.pitaya.api.Ignore;
import io.pitaya.api.Route;
import io.pitaya.api.Session;
import io.pitaya.core.handler.HandlerMethod.ParameterKind;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Turns a {@link Handler} class into its route table entries, rejecting shapes it cannot call. */
public final class HandlerScanner {

    private HandlerScanner() {
    }

    public static String serviceName(Class<?> type) {
        Handler handler = type.getAnnotation(Handler.class);
        String name = handler == null || handler.value().isEmpty()
                ? type.getSimpleName().toLowerCase(Locale.ROOT)
                : handler.value();
        checkName(name, type.getName());
        return name;
    }

    public static List<HandlerMethod> scan(Class<?> type, Supplier<Object> target) {
        return scan(serviceName(type), type, target);
    }

    /** The route table entries of {@code type}'s methods under the given service name (built-in services). */
    public static List<HandlerMethod> scan(String service, Class<?> type, Supplier<Object> target) {
        checkName(service, type.getName());
        List<HandlerMethod> methods = new ArrayList<>();
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
            throw new IllegalStateException("@Handler " + type.getName() + " has no public handler methods");
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

    private static void checkName(String name, String where) {
        if (name.isBlank() || name.contains(".") || name.contains("/")) {
            throw new IllegalStateException("invalid route name \"" + name + "\" for " + where + ": must be non-empty, without '.' or '/'");
        }
    }
}
