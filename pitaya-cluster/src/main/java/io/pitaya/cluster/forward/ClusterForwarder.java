package io.pitaya.cluster.forward;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.pitaya.api.PitayaException;
import io.pitaya.cluster.context.PropagatedContext;
import io.pitaya.cluster.discovery.ServiceDiscovery;
import io.pitaya.cluster.protos.Response;
import io.pitaya.cluster.protos.Session;
import io.pitaya.cluster.rpc.NatsRpcClient;
import io.pitaya.cluster.routing.ServerChooser;
import io.pitaya.cluster.rpc.RequestFactory;
import io.pitaya.cluster.rpc.RpcErrors;
import io.pitaya.cluster.rpc.RpcSpans;
import io.pitaya.cluster.server.ServerDescriptor;
import io.pitaya.core.handler.HandlerDispatcher;
import io.pitaya.core.handler.HandlerRoute;
import io.pitaya.core.handler.Reply;
import io.pitaya.core.router.RemoteForwarder;
import io.pitaya.core.router.ServerRouters;
import io.pitaya.core.session.LinkedSession;
import io.pitaya.core.tracing.TracedCall;
import io.pitaya.core.tracing.Tracer;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Sends a client message for another server type to a server of that type (Pitaya's sys RPC): the one the
 * application's router of the type chooses among those service discovery knows, else a random one (a router's failure
 * is the client's error, see {@link ServerChooser}), with the session's id, uid and data; answers the remote handler's raw reply or its error
 * with the remote code and metadata. No server of the type, or cluster mode not (or no longer) running: Pitaya's
 * PIT-500 "no servers available of this type" at once.
 *
 * <p>One session's answers reach its client in the order the backend sent them: the RPC client completes on NATS
 * thread in arrival order (its callback executor is direct) and the reply is handed to the session's mailbox.
 */
public final class ClusterForwarder implements RemoteForwarder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestFactory requests;
    private final Tracer tracer;
    private final ServerChooser chooser;
    private volatile Connected connected;

    private record Connected(ServiceDiscovery discovery, NatsRpcClient client) {
    }

    public ClusterForwarder(ServerDescriptor self, Duration requestTimeout) {
        this(self, requestTimeout, Tracer.NONE);
    }

    /** @param tracer where the RPC client spans go (their context travels in the request's metadata) */
    public ClusterForwarder(ServerDescriptor self, Duration requestTimeout, Tracer tracer) {
        this(self, requestTimeout, tracer, ServerRouters.NONE);
    }

    /** @param routers the application's choice of server per type (a random one for the others) */
    public ClusterForwarder(ServerDescriptor self, Duration requestTimeout, Tracer tracer, ServerRouters routers) {
        this.requests = new RequestFactory(self, requestTimeout);
        this.tracer = tracer;
        this.chooser = new ServerChooser(routers);
    }

    /** Cluster mode runs: forward through these. */
    public void connect(ServiceDiscovery discovery, NatsRpcClient client) {
        connected = new Connected(discovery, client);
    }

    public void disconnect() {
        connected = null;
    }

    @Override
    public CompletionStage<Reply> forward(LinkedSession session, HandlerRoute route, Message message) {
        boolean request = message.type() == MessageType.REQUEST;
        Connected c = connected;
        byte[] data = message.data() == null ? new byte[0] : message.data();
        ServerDescriptor target;
        try {
            target = chooser.choose(route.serverType(), message.route(), session, data,
                    c == null ? List.of() : c.discovery().serversOfType(route.serverType()));
        } catch (PitayaException e) {
            return CompletableFuture.completedFuture(failed(session, message, e));
        }
        Session snapshot;
        try {
            snapshot = snapshot(session);
        } catch (JsonProcessingException e) {
            return CompletableFuture.completedFuture(failed(session, message, new PitayaException(
                    PitayaException.INTERNAL, "session data is not JSON-serializable: " + e.getOriginalMessage())));
        }
        // Pitaya's RPC client span, a child of the message's span; its context travels as otel-span
        TracedCall rpc = tracer.rpc(message.route(), target.type(), target.id());
        CompletionStage<Response> sent = c.client().request(target, requests.sys(message.route(), !request,
                message.id(), data, snapshot, PropagatedContext.empty().withSpan(rpc.carrier())));
        if (rpc != TracedCall.NONE) {
            sent = sent.whenComplete((response, failure) -> RpcSpans.end(rpc, failure));
        }
        return sent.handleAsync((response, failure) -> {
                    if (failure == null) {
                        return request ? Reply.of(response.getData().toByteArray()) : Reply.NONE;
                    }
                    Throwable cause = RpcErrors.unwrap(failure);
                    PitayaException error = cause instanceof PitayaException p ? p
                            : new PitayaException(PitayaException.UNKNOWN, String.valueOf(cause.getMessage()),
                            Map.of(), cause);
                    return failed(session, message, error);
                }, session.mailbox()); // answers go out in the order the responses arrived
    }

    private static Reply failed(LinkedSession session, Message message, PitayaException error) {
        return HandlerDispatcher.failed(session, message, message.type() == MessageType.REQUEST,
                Reply.Failure.of(error));
    }

    /** The session as Pitaya sends it: id, uid (empty when unbound) and the data as a JSON object. */
    static Session snapshot(LinkedSession session) throws JsonProcessingException {
        String uid = session.uid();
        return Session.newBuilder().setId(session.id()).setUid(uid == null ? "" : uid)
                .setData(ByteString.copyFrom(JSON.writeValueAsBytes(session.data()))).build();
    }
}
