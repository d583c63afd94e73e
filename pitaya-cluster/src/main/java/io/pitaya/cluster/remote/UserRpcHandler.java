package io.pitaya.cluster.remote;

import com.google.protobuf.ByteString;
import io.pitaya.api.PitayaException;
import io.pitaya.cluster.context.PropagatedContext;
import io.pitaya.cluster.context.ServedRequest;
import io.pitaya.cluster.protos.Request;
import io.pitaya.cluster.protos.Response;
import io.pitaya.cluster.rpc.RequestHandler;
import io.pitaya.core.remote.Remotes;
import io.pitaya.core.tracing.TracedCall;
import io.pitaya.core.tracing.Tracer;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Serves Pitaya's user RPCs ({@code RPCType.User}, what {@code app.RPC}/{@code app.RPCTo} send): the route
 * {@code serverType.service.method} names a {@code @Remote} method of this server, {@code Msg.data} is its encoded
 * argument; the answer is {@code Response{data}} with the encoded reply, or {@code Response{error}} as Go's remote
 * service answers: {@code PIT-400 "cannot decode route"}, {@code PIT-404 "route not found"} (metadata {@code route}),
 * the remote's Pitaya error with its code and metadata, else {@code PIT-000}. Remotes run on the workers (the handler
 * pool), never on NATS' threads; calls do not keep an order (Pitaya's user RPCs have none).
 */
public final class UserRpcHandler implements RequestHandler {

    private final Remotes remotes;
    private final Executor workers;
    private final Tracer tracer;

    public UserRpcHandler(Remotes remotes, Executor workers) {
        this(remotes, workers, Tracer.NONE);
    }

    /** @param tracer where a span per served call goes, a child of the caller's (its context came as otel-span) */
    public UserRpcHandler(Remotes remotes, Executor workers, Tracer tracer) {
        this.remotes = remotes;
        this.workers = workers;
        this.tracer = tracer;
    }

    @Override
    public CompletionStage<Response> handle(Request request) {
        if (tracer == Tracer.NONE) {
            return CompletableFuture.supplyAsync(() -> serve(request), workers);
        }
        return CompletableFuture.supplyAsync(() -> {
            TracedCall span = tracer.remote(request.getMsg().getRoute(), spanCarrier(request));
            try (TracedCall.Scope ignored = span.makeCurrent()) {
                Response response = serve(request);
                span.end(null, null);
                return response;
            } catch (RuntimeException e) {
                span.end(e instanceof PitayaException p ? p.code() : PitayaException.UNKNOWN, String.valueOf(e.getMessage()));
                throw e;
            }
        }, workers);
    }

    private static Map<String, String> spanCarrier(Request request) {
        try {
            return PropagatedContext.decode(request.getMetadata().toByteArray()).spanCarrier();
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    Response serve(Request request) {
        String route = request.getMsg().getRoute();
        String[] parts = route.split("\\.", -1);
        if (parts.length < 2 || parts.length > 3 || route.isEmpty() || java.util.Arrays.stream(parts).anyMatch(String::isEmpty)) {
            throw new PitayaException(PitayaException.BAD_REQUEST, "cannot decode route", Map.of("route", route));
        }
        // Go looks remotes up by the route's short form, service.method
        String key = parts[parts.length - 2] + "." + parts[parts.length - 1];
        byte[] reply;
        // the remote's own Rpc calls inherit its caller's reqTimeout, as Go's remote context carries it
        try (ServedRequest.Scope served = ServedRequest.enter(request.getMetadata())) {
            reply = remotes.dispatcher().invoke(key, request.getMsg().getData().toByteArray());
        }
        return Response.newBuilder().setData(ByteString.copyFrom(reply)).build();
    }
}
