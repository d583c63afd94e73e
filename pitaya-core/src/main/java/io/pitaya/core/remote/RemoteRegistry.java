package io.pitaya.core.remote;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The remote routes of this server: {@code service.method} to the method, plus the {@link RemotePipeline} hooks around
 * every call. Immutable once built.
 */
public final class RemoteRegistry {

    public static final RemoteRegistry EMPTY = builder().build();

    private final Map<String, RemoteMethod> methods;
    private final RemotePipeline pipeline;

    private RemoteRegistry(Map<String, RemoteMethod> methods, RemotePipeline pipeline) {
        this.methods = Collections.unmodifiableMap(methods);
        this.pipeline = pipeline;
    }

    /** The hooks around every remote call. */
    public RemotePipeline pipeline() {
        return pipeline;
    }

    public RemoteMethod lookup(String key) {
        return methods.get(key);
    }

    public Collection<RemoteMethod> all() {
        return methods.values();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, RemoteMethod> methods = new LinkedHashMap<>();
        private RemotePipeline pipeline = RemotePipeline.EMPTY;

        public Builder add(Collection<RemoteMethod> remoteMethods) {
            for (RemoteMethod m : remoteMethods) {
                RemoteMethod clash = methods.putIfAbsent(m.key(), m);
                if (clash != null) {
                    throw new IllegalStateException("remote " + m.key() + " is declared twice: by " + clash + " and by " + m);
                }
            }
            return this;
        }

        /** Scans instances of {@code @Remote} classes (plain objects, for tests and tools). */
        public Builder remote(Object... beans) {
            for (Object bean : beans) {
                add(RemoteScanner.scan(bean.getClass(), () -> bean));
            }
            return this;
        }

        public Builder pipeline(RemotePipeline pipeline) {
            this.pipeline = pipeline;
            return this;
        }

        public RemoteRegistry build() {
            return new RemoteRegistry(new LinkedHashMap<>(methods), pipeline);
        }
    }
}
