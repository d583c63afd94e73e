package io.pitaya.core.cdi;

import io.pitaya.api.Session;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The {@link Session} that application beans inject: every call goes to the {@link CurrentSession} of the calling
 * thread. One instance serves every bean and thread.
 */
final class CurrentSessionProxy implements InvocationHandler {

    private CurrentSessionProxy() {
    }

    static Session create() {
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                new CurrentSessionProxy());
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return objectMethod(proxy, method, args);
        }
        Session session = CurrentSession.get();
        if (session == null) {
            throw new IllegalStateException(
                    "no Pitaya session here: an injected Session is usable only while Pitaya runs your code for a session"
                            + " (handlers, pipeline hooks, close callbacks, session events)");
        }
        try {
            return method.invoke(session, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> {
                Session session = CurrentSession.get();
                yield "Session of the current work (" + (session == null ? "none" : session) + ")";
            }
        };
    }
}
