package io.pitaya.cluster.remote;

import io.pitaya.cluster.context.PropagatedContext;
import io.pitaya.cluster.discovery.ServiceDiscovery;
import io.pitaya.cluster.rpc.RpcSpans;
import io.pitaya.cluster.protos.Request;
import io.pitaya.cluster.protos.Response;
import io.pitaya.cluster.rpc.NatsRpcClient;
import io.pitaya.cluster.rpc.RequestFactory;
import io.pitaya.cluster.server.ServerDescriptor;
import io.pitaya.core.remote.RemoteCaller;
import io.pitaya.core.remote.RemoteErrors;
import io.pitaya.core.remote.RemoteRoute;
import io.pitaya.core.tracing.TracedCall;
import io.pitaya.core.tracing.Tracer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends remote calls to other servers as Pitaya's user RPC over NATS: the target is the given server (unknown to
 * service discovery: "server not found") or a random server of the route's type, as Pitaya's router picks for user
 * RPCs (none: PIT-500 "no servers available of this type"), both at once, without waiting. The Request carries the
 * full route, the encoded argument, message id 0, no session, and the timeout as {@code reqTimeout}; the answer
 * fails with PIT-408 when it does not come in time. Stages complete on NATS' thread: the caller moves on from there.
 */
public final class ClusterRemoteCaller implements RemoteCaller {

    private final ServerDescriptor self;
    private final RequestFactory requests;
    private final Tracer tracer;
    private volatile Connected connected;

    private record Connected(ServiceDiscovery discovery, NatsRpcClient client) {
    }

    public ClusterRemoteCaller(ServerDescriptor self, Duration defaultTimeout) {
        this(self, defaultTimeout, Tracer.NONE);
    }

    /** @param tracer where a span per call goes (a child of the caller's current span); its context travels as otel-span */
    public ClusterRemoteCaller(ServerDescriptor self, Duration defaultTimeout, Tracer tracer) {
        this.self = self;
        this.requests = new RequestFactory(self, defaultTimeout);
        this.tracer = tracer;
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
        Optional<ServerDescriptor> target = c == null ? Optional.empty()
                : serverId != null ? c.discovery().server(serverId) : random(c.discovery(), route.serverType());
        if (target.isEmpty()) {
            return CompletableFuture.failedFuture(serverId != null ? RemoteErrors.serverNotFound(serverId)
                    : RemoteErrors.noServers(route.serverType()));
        }
        PropagatedContext context = timeout == null ? PropagatedContext.empty()
                : PropagatedContext.empty().withRequestTimeout(timeout);
        TracedCall rpc = tracer.rpc(route.toString(), target.get().type(), target.get().id());
        Request request = requests.user(route.toString(), argument, context.withSpan(rpc.carrier()));
        CompletionStage<Response> sent = c.client().request(target.get(), request);
        if (rpc != TracedCall.NONE) {
            sent = sent.whenComplete((response, failure) -> RpcSpans.end(rpc, failure));
        }
        return sent.thenApply(response -> response.getData().toByteArray());
    }

    private static Optional<ServerDescriptor> random(ServiceDiscovery discovery, String serverType) {
        List<ServerDescriptor> servers = new ArrayList<>(discovery.serversOfType(serverType));
        return servers.isEmpty() ? Optional.empty()
                : Optional.of(servers.get(ThreadLocalRandom.current().nextInt(servers.size())));
    }
}
