package io.pitaya.core.tracing;

import java.util.Map;

/** One started span. */
public interface TracedCall {

    TracedCall NONE = new TracedCall() {
    };

    /** Undoes {@link #makeCurrent()}. */
    interface Scope extends AutoCloseable {
        Scope NONE = () -> {
        };

        @Override
        void close();
    }

    /**
     * Makes this span the current one on this thread until the scope closes, so that RPCs started meanwhile are its
     * children.
     */
    default Scope makeCurrent() {
        return Scope.NONE;
    }

    /** The span context to send along with an RPC (Pitaya's {@code otel-span} map); empty when not traced. */
    default Map<String, String> carrier() {
        return Map.of();
    }

    /**
     * Ends the span.
     *
     * @param code    Pitaya's error code when the call failed, else null
     * @param message the error's message, or null
     */
    default void end(String code, String message) {
    }
}
