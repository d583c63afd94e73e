package io.pitaya.core.handler;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The route table: {@code service.method} to the method that handles it, plus the {@link HandlerPipeline} hooks
 * applied around every one of them. Immutable once built.
 */
public final class HandlerRegistry {

    private final Map<String, HandlerMethod> methods;
    private final HandlerPipeline pipeline;

    private HandlerRegistry(Map<String, HandlerMethod> methods, HandlerPipeline pipeline) {
        this.methods = Collections.unmodifiableMap(methods);
        this.pipeline = pipeline;
    }

    public HandlerMethod lookup(String key) {
        return methods.get(key);
    }

    public Collection<HandlerMethod> all() {
        return methods.values();
    }

    /** The hooks around every handler call. */
    public HandlerPipeline pipeline() {
        return pipeline;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, HandlerMethod> methods = new LinkedHashMap<>();
        private HandlerPipeline pipeline = HandlerPipeline.EMPTY;

        public Builder add(Collection<HandlerMethod> handlerMethods) {
            for (HandlerMethod m : handlerMethods) {
                HandlerMethod clash = methods.putIfAbsent(m.key(), m);
                if (clash != null) {
                    throw new IllegalStateException("route " + m.key() + " is declared twice: by " + clash + " and by " + m);
                }
            }
            return this;
        }

        public Builder pipeline(HandlerPipeline pipeline) {
            this.pipeline = pipeline;
            return this;
        }

        public HandlerRegistry build() {
            return new HandlerRegistry(new LinkedHashMap<>(methods), pipeline);
        }
    }
}
