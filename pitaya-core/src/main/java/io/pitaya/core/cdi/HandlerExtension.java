package io.pitaya.core.cdi;

import io.pitaya.api.Handler;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessManagedBean;

import java.util.ArrayList;
import java.util.List;

/** Collects every {@link Handler} bean of the deployment while the container discovers beans. */
public class HandlerExtension implements Extension {

    private final List<Bean<?>> handlerBeans = new ArrayList<>();

    <T> void collect(@Observes ProcessManagedBean<T> event) {
        if (event.getAnnotatedBeanClass().isAnnotationPresent(Handler.class)) {
            handlerBeans.add(event.getBean());
        }
    }

    public List<Bean<?>> handlerBeans() {
        return List.copyOf(handlerBeans);
    }
}
