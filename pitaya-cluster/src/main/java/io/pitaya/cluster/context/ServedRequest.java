package io.pitaya.cluster.context;

import com.google.protobuf.ByteString;

import java.time.Duration;
import java.util.Optional;

/**
 * The RPC request (a forwarded client message or a remote call) this thread is serving, so that the RPCs its
 * handler makes meanwhile inherit its propagated {@code reqTimeout}, as they do in Go through the handler's context.
 * Bound to the thread for the handler's synchronous run: what the handler starts on other threads does not see it.
 * The metadata is decoded only when a call asks.
 */
public final class ServedRequest {

    private static final ThreadLocal<ByteString> METADATA = new ThreadLocal<>();

    private ServedRequest() {
    }

    /** Until the scope closes, this thread serves a request with this metadata ({@code Request.metadata}). */
    public static Scope enter(ByteString metadata) {
        ByteString outer = METADATA.get();
        METADATA.set(metadata);
        return () -> {
            if (outer == null) {
                METADATA.remove(); // pooled threads keep nothing
            } else {
                METADATA.set(outer);
            }
        };
    }

    /** The served request's {@code reqTimeout}; empty outside one, without one, or when it is not a duration. */
    public static Optional<Duration> requestTimeout() {
        ByteString metadata = METADATA.get();
        return metadata == null ? Optional.empty() : PropagatedContext.requestTimeoutOf(metadata.toByteArray());
    }

    /** Ends serving on this thread. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
