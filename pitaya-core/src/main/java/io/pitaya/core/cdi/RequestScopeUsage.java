package io.pitaya.core.cdi;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessBean;

import java.util.ArrayList;
import java.util.List;

/**
 * Notes, while the container discovers beans, whether the application has {@code @RequestScoped} beans (classes or
 * producers), i.e. whether handler calls need a CDI request context of their own.
 *
 * <p>The container's own request-scoped beans do not count: every web module brings some (the servlet request, the
 * conversation, JAX-RS contexts), and none of them has a meaning while a Pitaya message is handled.
 */
public class RequestScopeUsage implements Extension {

    /** Packages of the application servers' own beans (WildFly, Payara, their CDI, web and REST layers). */
    private static final List<String> CONTAINER_PACKAGES = List.of(
            "org.jboss.", "org.wildfly.", "io.undertow.", "org.glassfish.", "fish.payara.", "com.sun.",
            "io.smallrye.", "jakarta.", "javax.");

    private final List<String> requestScopedBeans = new ArrayList<>();

    <T> void note(@Observes ProcessBean<T> event) {
        String beanClass = event.getBean().getBeanClass().getName();
        if (event.getBean().getScope() == RequestScoped.class && !isContainers(beanClass)) {
            requestScopedBeans.add(beanClass);
        }
    }

    static boolean isContainers(String className) {
        return CONTAINER_PACKAGES.stream().anyMatch(className::startsWith);
    }

    public boolean applicationHasRequestScopedBeans() {
        return !requestScopedBeans.isEmpty();
    }

    public List<String> requestScopedBeans() {
        return List.copyOf(requestScopedBeans);
    }
}
