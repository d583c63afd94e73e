package io.pitaya.cluster.rpc;

import io.pitaya.api.PitayaException;
import io.pitaya.core.tracing.TracedCall;

import java.util.concurrent.CompletionException;

/** Ends an RPC's span with the outcome Pitaya's error code names (PIT-408 for a timeout, as the NATS client answers). */
public final class RpcSpans {

    private RpcSpans() {
    }

    public static void end(TracedCall span, Throwable failure) {
        if (failure == null) {
            span.end(null, null);
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        span.end(cause instanceof PitayaException p ? p.code() : PitayaException.UNKNOWN, String.valueOf(cause.getMessage()));
    }
}
