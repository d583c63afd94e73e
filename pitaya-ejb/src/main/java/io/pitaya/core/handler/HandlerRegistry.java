package io.pitaya.core.handler;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The route table: {@code service.method} to the method that handles it. Immutable once built. */
public final class HandlerRegistry {

    private final Map<String, HandlerMethod> methods;

    private HandlerRegistry(Map<String, HandlerMethod> methods) {
        this.methods = Collections.unmodifiableMap(methods);
    }

    public HandlerMethod lookup(String key) {
        return methods.get(key);
    }

    public Collection<HandlerMethod> all() {
        return methods.values();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, HandlerMethod> methods = new LinkedHashMap<>();

        public Builder add(Collection<HandlerMethod> handlerMethods) {
            for (HandlerMethod m : handlerMethods) {
                HandlerMethod clash = methods.putIfAbsent(m.key(), m);
                if (clash != null) {
                    throw new IllegalStateException("route " + m.key() + " is declared twice: by " + clash + " and by " + m);
                }
            }
            return this;
        }

        public HandlerRegistry build() {
            return new HandlerRegistry(new LinkedHashMap<>(methods));
        }
    }
}
