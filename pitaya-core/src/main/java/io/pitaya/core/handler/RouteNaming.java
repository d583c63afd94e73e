package io.pitaya.core.handler;

import io.pitaya.api.Ignore;
import io.pitaya.api.Route;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pitaya's naming rules for the routes of an annotated class, the same for {@code @Handler} and {@code @Remote}: the
 * service is the annotation's value or the lower-cased simple class name, each public instance method (not
 * {@code @Ignore}d, not a lifecycle callback) is a method named by {@code @Route} or its lower-cased name.
 */
public final class RouteNaming {

    /** A method of a service and the route name it answers to. */
    public record NamedMethod(String name, Method method) {
    }

    private RouteNaming() {
    }

    /** The service name of {@code type} given its annotation's value (null or empty: the class's own name). */
    public static String serviceName(String annotated, Class<?> type) {
        String name = annotated == null || annotated.isEmpty() ? type.getSimpleName().toLowerCase(Locale.ROOT) : annotated;
        checkName(name, type.getName());
        return name;
    }

    /** The methods of {@code type} that become routes, with their checked names, in reflection order. */
    public static List<NamedMethod> routeMethods(Class<?> type) {
        List<NamedMethod> methods = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (!isCandidate(method)) {
                continue;
            }
            Route route = method.getAnnotation(Route.class);
            String name = route == null ? method.getName().toLowerCase(Locale.ROOT) : route.value();
            checkName(name, method.toString());
            methods.add(new NamedMethod(name, method));
        }
        return methods;
    }

    public static void checkName(String name, String where) {
        if (name.isBlank() || name.contains(".") || name.contains("/")) {
            throw new IllegalStateException("invalid route name \"" + name + "\" for " + where
                    + ": must be non-empty, without '.' or '/'");
        }
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
}
