package io.pitaya.core.cdi;

import io.pitaya.api.Session;
import io.pitaya.core.handler.InvocationScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.function.Supplier;

/**
 * Each handler call runs in its own CDI request context, in which the injectable {@link Session} is the session of
 * the message. Applications may therefore use {@code @RequestScoped} beans per message, too.
 */
@ApplicationScoped
public class CdiInvocationScope implements InvocationScope {

    @Inject
    Instance<RequestContextController> controllers;

    @Inject
    CurrentSession current;

    @Override
    public <T> T call(Session session, Supplier<T> work) {
        Instance.Handle<RequestContextController> handle = controllers.getHandle();
        RequestContextController controller = handle.get();
        boolean activated = controller.activate();
        try {
            current.set(session);
            return work.get();
        } finally {
            if (activated) {
                controller.deactivate();
            }
            handle.destroy();
        }
    }
}
