package io.pitaya.cluster.forward;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Serializer;
import io.pitaya.cluster.protos.Msg;
import io.pitaya.cluster.protos.MsgType;
import io.pitaya.cluster.protos.RPCType;
import io.pitaya.cluster.protos.Request;
import io.pitaya.cluster.protos.Response;
import io.pitaya.cluster.rpc.RequestHandler;
import io.pitaya.cluster.session.FrontendRpc;
import io.pitaya.cluster.context.PropagatedContext;
import io.pitaya.cluster.context.ServedRequest;
import io.pitaya.core.handler.HandlerRoute;
import io.pitaya.core.handler.Reply;
import io.pitaya.core.server.PitayaServer;
import io.pitaya.core.session.LinkedSession;
import io.pitaya.core.tracing.TracedCall;
import io.pitaya.core.tracing.Tracer;
import io.pitaya.core.session.SerialExecutor;
import io.pitaya.protocol.message.Message;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A backend serving what frontends forwarded (sys RPC): builds the player's remote session from the request (id,
 * uid, data; its pushes and kicks go back to the frontend over NATS) and runs the message through this server's
 * handlers. A request answers the handler's raw reply or its error (code and metadata kept), a notify {@code ack}
 * (as Pitaya). Called in NATS' order: one session's messages run one after another on a serial lane of the handler
 * pool, so a burst keeps its order; different sessions run in parallel. User RPCs go to {@code UserRpcHandler} instead.
 */
public final class SysRequestHandler implements RequestHandler {

    private static final int LANES = 64;
    private static final ByteString ACK = ByteString.copyFrom("ack", StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final PitayaServer server;
    private final Serializer serializer;
    private final Executor workers;
    private final FrontendRpc frontends;
    private final SerialExecutor[] lanes = new SerialExecutor[LANES];

    /** @param frontends how the players' sessions reach their frontends (pushes, binds, kicks) */
    public SysRequestHandler(PitayaServer server, Serializer serializer, Executor workers, FrontendRpc frontends) {
        this.server = server;
        this.serializer = serializer;
        this.workers = workers;
        this.frontends = frontends;
        for (int i = 0; i < LANES; i++) {
            lanes[i] = new SerialExecutor(workers);
        }
    }

    @Override
    public CompletionStage<Response> handle(Request request) {
        if (request.getType() != RPCType.Sys) {
            return CompletableFuture.failedFuture(new PitayaException(PitayaException.NOT_FOUND,
                    "user RPCs (remotes) are served by the UserRpcHandler"));
        }
        CompletableFuture<Response> response = new CompletableFuture<>();
        lane(request).execute(() -> {
            try {
                response.complete(serve(request));
            } catch (RuntimeException | Error e) {
                response.completeExceptionally(e);
            }
        });
        return response;
    }

    private Executor lane(Request request) {
        int hash = Objects.hash(request.getFrontendID(), request.getSession().getId());
        return lanes[Math.floorMod(hash, LANES)];
    }

    private Response serve(Request request) {
        Msg msg = request.getMsg();
        HandlerRoute route = HandlerRoute.parse(msg.getRoute(), server.config().serverType());
        if (route == null) {
            throw new PitayaException(PitayaException.BAD_REQUEST, "invalid route");
        }
        boolean notify = msg.getType() == MsgType.MsgNotify;
        byte[] data = msg.getData().toByteArray();
        Message message = notify ? Message.notify(msg.getRoute(), data) : Message.request(msg.getId(), msg.getRoute(), data);
        LinkedSession session = session(request);
        Tracer tracer = server.tracer();
        // the backend's span, a child of the frontend's RPC span whose context came in the metadata (otel-span)
        TracedCall span = tracer == Tracer.NONE ? TracedCall.NONE : tracer.message(route.toString(), session, !notify,
                spanCarrier(request));
        Reply reply;
        // the handler's Rpc calls inherit the frontend's reqTimeout, as Go's handler context carries it
        try (TracedCall.Scope ignored = span.makeCurrent();
             ServedRequest.Scope served = ServedRequest.enter(request.getMetadata())) {
            reply = server.dispatcher().handle(session, route, message);
        }
        Reply.Failure error = reply.error();
        span.end(error == null ? null : error.code(), error == null ? null : error.message());
        if (error != null) {
            throw new PitayaException(error.code(), error.message(), error.metadata(), error.cause());
        }
        return Response.newBuilder().setData(notify || reply.data() == null ? ACK : ByteString.copyFrom(reply.data()))
                .build();
    }

    /** The caller's span context from the request's metadata; none when the metadata is not a JSON object. */
    private static Map<String, String> spanCarrier(Request request) {
        try {
            return PropagatedContext.decode(request.getMetadata().toByteArray()).spanCarrier();
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    private LinkedSession session(Request request) {
        io.pitaya.cluster.protos.Session snapshot = request.getSession();
        String uid = snapshot.getUid().isEmpty() ? null : snapshot.getUid();
        AtomicReference<LinkedSession> made = new AtomicReference<>();
        RemoteSessionLink link = new RemoteSessionLink(frontends, request.getFrontendID(), snapshot.getId(),
                () -> made.get().uid(), // the uid a bind on this backend gives it, too
                () -> PropagatedContext.requestTimeoutOf(request.getMetadata().toByteArray()));
        LinkedSession session = server.sessions().remote(snapshot.getId(), uid, link, serializer, workers);
        made.set(session);
        data(snapshot.getData()).forEach(session::set);
        return session;
    }

    private static Map<String, Object> data(ByteString json) {
        if (json.isEmpty()) {
            return Map.of();
        }
        try {
            Map<String, Object> data = JSON.readValue(json.toByteArray(), MAP);
            return data == null ? Map.of() : data;
        } catch (IOException e) {
            throw new PitayaException(PitayaException.BAD_REQUEST, "session data is not a JSON object");
        }
    }
}
