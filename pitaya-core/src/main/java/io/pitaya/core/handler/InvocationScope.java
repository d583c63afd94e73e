package io.pitaya.core.handler;

import io.pitaya.api.Session;

import java.util.function.Supplier;

/**
 * Surrounds each handler call with what application code expects to be active, e.g. a CDI request context
 * in which the injected {@link Session} is the message's session.
 */
@FunctionalInterface
public interface InvocationScope {

    <T> T call(Session session, Supplier<T> work);

    /** No context at all; for plain unit tests. */
    InvocationScope NONE = new InvocationScope() {
        @Override
        public <T> T call(Session session, Supplier<T> work) {
            return work.get();
        }
    };
}
