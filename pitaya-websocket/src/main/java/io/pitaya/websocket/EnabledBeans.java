package io.pitaya.websocket;

import jakarta.enterprise.inject.Instance;

import java.util.function.Predicate;

/** The web module's optional endpoints find their module's bean this way: absent, or switched off, is a 404. */
final class EnabledBeans {

    private EnabledBeans() {
    }

    /** The first of {@code beans} that is {@code enabled}; null when none is, or when injection did not happen. */
    static <T> T first(Instance<T> beans, Predicate<T> enabled) {
        if (beans == null) {
            return null;
        }
        for (T bean : beans) {
            if (enabled.test(bean)) {
                return bean;
            }
        }
        return null;
    }
}
