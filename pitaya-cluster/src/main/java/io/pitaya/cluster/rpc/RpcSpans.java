package io.pitaya.cluster.rpc;

import io.pitaya.core.tracing.TracedCall;


/** Ends an RPC's span with the outcome Pitaya's error code names (PIT-408 for a timeout, as the NATS client answers). */
public final class RpcSpans {

    private RpcSpans() {
    }

    public static void end(TracedCall span, Throwable failure) {
        if (failure == null) {
            span.end(null, null);
            return;
        }
        span.end(RpcErrors.codeOf(failure), String.valueOf(RpcErrors.unwrap(failure).getMessage()));
    }
}
