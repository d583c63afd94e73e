package io.pitaya.cluster.remote;

import io.pitaya.api.PitayaException;
import io.pitaya.cluster.context.PropagatedContext;
import io.pitaya.cluster.context.ServedRequest;
import io.pitaya.cluster.discovery.ServiceDiscovery;
import io.pitaya.cluster.rpc.RpcSpans;
import io.pitaya.cluster.protos.Request;
import io.pitaya.cluster.protos.Response;
import io.pitaya.cluster.rpc.NatsRpcClient;
import io.pitaya.cluster.routing.ServerChooser;
import io.pitaya.cluster.rpc.RequestFactory;
import io.pitaya.cluster.server.ServerDescriptor;
import io.pitaya.core.remote.RemoteCaller;
import io.pitaya.core.remote.RemoteErrors;
import io.pitaya.core.remote.RemoteRoute;
import io.pitaya.core.router.ServerRouters;
import io.pitaya.core.tracing.TracedCall;
import io.pitaya.core.tracing.Tracer;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Sends remote calls to other servers as Pitaya's user RPC over NATS: the target is the given server (unknown to
 * service discovery: "server not found") or the server of the route's type that the application's router of the type
 * chooses, else a random one, as Pitaya's router picks for user RPCs (none: PIT-500 "no servers available of this
 * type"; a router's failure, see {@link ServerChooser}), all at once, without waiting. The Request carries the
 * full route, the encoded argument, message id 0, no session, and the timeout as {@code reqTimeout}: the caller's
 * ({@code Rpc.withTimeout}), else that of the request this thread serves (a forwarded message's or a remote call's,
 * see {@link ServedRequest}), else the client's default; the answer fails with PIT-408 when it does not come in
 * time. Stages complete on NATS' thread: the caller moves on from there.
 */
public final class ClusterRemoteCaller implements RemoteCaller {

    private final ServerDescriptor self;
    private final RequestFactory requests;
    private final Tracer tracer;
    private final ServerChooser chooser;
    private volatile Connected connected;

    private record Connected(ServiceDiscovery discovery, NatsRpcClient client) {
    }

    public ClusterRemoteCaller(ServerDescriptor self, Duration defaultTimeout) {
        this(self, defaultTimeout, Tracer.NONE);
    }

    /** @param tracer where a span per call goes (a child of the caller's current span); its context travels as otel-span */
    public ClusterRemoteCaller(ServerDescriptor self, Duration defaultTimeout, Tracer tracer) {
        this(self, defaultTimeout, tracer, ServerRouters.NONE);
    }

    /** @param routers the application's choice of server per type for calls without a server id */
    public ClusterRemoteCaller(ServerDescriptor self, Duration defaultTimeout, Tracer tracer, ServerRouters routers) {
        this.self = self;
        this.requests = new RequestFactory(self, defaultTimeout);
        this.tracer = tracer;
        this.chooser = new ServerChooser(routers);
    }

    /** Cluster mode runs: call through these. */
    public void connect(ServiceDiscovery discovery, NatsRpcClient client) {
        connected = new Connected(discovery, client);
    }

    public void disconnect() {
        connected = null;
    }

    @Override
    public String serverId() {
        return self.id();
    }

    @Override
    public CompletionStage<byte[]> call(String serverId, RemoteRoute route, byte[] argument, Duration timeout) {
        Connected c = connected;
        Optional<ServerDescriptor> target;
        if (serverId != null) {
            target = c == null ? Optional.empty() : c.discovery().server(serverId);
            if (target.isEmpty()) {
                return CompletableFuture.failedFuture(RemoteErrors.serverNotFound(serverId));
            }
        } else {
            try {
                target = Optional.of(chooser.choose(route.serverType(), route.toString(), null, argument,
                        c == null ? List.of() : c.discovery().serversOfType(route.serverType())));
            } catch (PitayaException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        // Go's precedence: a timeout the caller set, else the served request's (its context's), else the default
        PropagatedContext context = PropagatedContext.ofRequestTimeout(
                timeout != null ? Optional.of(timeout) : ServedRequest.requestTimeout());
        TracedCall rpc = tracer.rpc(route.toString(), target.get().type(), target.get().id());
        Request request = requests.user(route.toString(), argument, context.withSpan(rpc.carrier()));
        CompletionStage<Response> sent = c.client().request(target.get(), request);
        if (rpc != TracedCall.NONE) {
            sent = sent.whenComplete((response, failure) -> RpcSpans.end(rpc, failure));
        }
        return sent.thenApply(response -> response.getData().toByteArray());
    }
}
