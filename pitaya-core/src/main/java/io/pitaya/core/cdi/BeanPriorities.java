package io.pitaya.core.cdi;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.Prioritized;

/** The order of application beans the core runs in sequence (hooks, validators, components): {@code @Priority}. */
public final class BeanPriorities {

    /** Without {@code @Priority}: {@code Interceptor.Priority.APPLICATION + 500}, as for the pipeline hooks. */
    public static final int DEFAULT = 2500;

    private BeanPriorities() {
    }

    public static int of(Bean<?> bean) {
        if (bean instanceof Prioritized prioritized) {
            return prioritized.getPriority();
        }
        Priority priority = bean.getBeanClass().getAnnotation(Priority.class);
        return priority != null ? priority.value() : DEFAULT;
    }
}
