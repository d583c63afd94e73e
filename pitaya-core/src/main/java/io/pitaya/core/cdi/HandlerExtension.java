package io.pitaya.core.cdi;

import io.pitaya.api.Handler;
import io.pitaya.api.Remote;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessManagedBean;

import java.util.ArrayList;
import java.util.List;

/** Collects every {@link Handler} and {@link Remote} bean of the deployment while the container discovers beans. */
public class HandlerExtension implements Extension {

    private final List<Bean<?>> handlerBeans = new ArrayList<>();
    private final List<Bean<?>> remoteBeans = new ArrayList<>();

    <T> void collect(@Observes ProcessManagedBean<T> event) {
        if (event.getAnnotatedBeanClass().isAnnotationPresent(Handler.class)) {
            handlerBeans.add(event.getBean());
        }
        if (event.getAnnotatedBeanClass().isAnnotationPresent(Remote.class)) {
            remoteBeans.add(event.getBean());
        }
    }

    public List<Bean<?>> remoteBeans() {
        return List.copyOf(remoteBeans);
    }

    public List<Bean<?>> handlerBeans() {
        return List.copyOf(handlerBeans);
    }
}
