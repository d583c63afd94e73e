package io.pitaya.core.cdi;

import io.pitaya.api.Session;
import io.pitaya.core.config.ConfigReader;
import io.pitaya.core.handler.InvocationScope;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.util.function.Supplier;

/**
 * Runs each handler call (and each hook or callback for a session) with its session current, so the injected
 * {@link Session} is that session, and, when the application has {@code @RequestScoped} beans, inside a CDI request
 * context of its own, so those beans live for one message.
 *
 * <p>The request context is the expensive part (the container fires its lifecycle events on every activation), so
 * it is activated only when needed: {@code pitaya.handler.requestcontext} is {@code auto} (when the application has
 * request-scoped beans), {@code always} or {@code never}.
 */
@ApplicationScoped
public class CdiInvocationScope implements InvocationScope {

    static final String MODE_KEY = "pitaya.handler.requestcontext";

    @Inject
    Instance<RequestContextController> controllers;

    @Inject
    Config config;

    @Inject
    RequestScopeUsage usage;

    private boolean requestContextPerMessage;

    /** One controller per thread: the spec binds activate/deactivate to the thread; a controller is not shared. */
    private final ThreadLocal<RequestContextController> threadControllers = new ThreadLocal<>();

    @PostConstruct
    void init() {
        String mode = ConfigReader.string(config, MODE_KEY).orElse("auto");
        requestContextPerMessage = switch (mode) {
            case "auto" -> usage.applicationHasRequestScopedBeans();
            case "always" -> true;
            case "never" -> false;
            default -> throw new IllegalArgumentException(MODE_KEY + " must be auto, always or never, not '" + mode + "'");
        };
    }

    /** Whether each message gets a CDI request context (for the startup log). */
    public boolean requestContextPerMessage() {
        return requestContextPerMessage;
    }

    @Override
    public <T> T call(Session session, Supplier<T> work) {
        Session previous = CurrentSession.enter(session);
        try {
            if (!requestContextPerMessage) {
                return work.get();
            }
            RequestContextController controller = controller();
            boolean activated = controller.activate();
            try {
                return work.get();
            } finally {
                if (activated) {
                    controller.deactivate();
                }
            }
        } finally {
            CurrentSession.restore(previous);
        }
    }

    private RequestContextController controller() {
        RequestContextController controller = threadControllers.get();
        if (controller == null) {
            controller = controllers.get();
            threadControllers.set(controller);
        }
        return controller;
    }
}
