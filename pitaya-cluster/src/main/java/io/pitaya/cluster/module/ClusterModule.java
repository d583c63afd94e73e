package io.pitaya.cluster.module;

import io.pitaya.cluster.discovery.EtcdServiceDiscovery;
import io.pitaya.cluster.discovery.ServiceDiscovery;
import io.pitaya.cluster.forward.ClusterForwarder;
import io.pitaya.cluster.forward.FrontendUsers;
import io.pitaya.cluster.forward.SysRequestHandler;
import io.pitaya.cluster.remote.ClusterRemoteCaller;
import io.pitaya.cluster.remote.RpcTypeRouter;
import io.pitaya.cluster.remote.UserRpcHandler;
import io.pitaya.cluster.rpc.NatsRpcClient;
import io.pitaya.cluster.rpc.NatsRpcServer;
import io.pitaya.cluster.rpc.RequestFactory;
import io.pitaya.cluster.rpc.RequestHandler;
import io.pitaya.cluster.server.ServerDescriptor;
import io.pitaya.cluster.session.FrontendRpc;
import io.pitaya.cluster.session.NatsUserMessenger;
import io.pitaya.cluster.session.SysRemotes;
import io.pitaya.cluster.session.UniqueSessions;
import io.pitaya.core.metrics.MetricsReporter;
import io.pitaya.core.module.ModuleContext;
import io.pitaya.core.module.PitayaModule;
import io.pitaya.core.remote.RemoteCaller;
import io.pitaya.core.router.RemoteForwarder;
import io.pitaya.core.session.UserMessenger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Cluster mode as a module of the server: on start the NATS RPC server (serving forwarded messages through the
 * server's handlers) and client, then etcd registration, so peers find this server only once it listens; before the
 * sessions drain it leaves etcd (no new player is sent here); on stop it closes NATS. Threads come from the
 * container's factory, handlers run on the server's handler pool.
 */
public final class ClusterModule implements PitayaModule {

    private static final Logger LOG = Logger.getLogger(ClusterModule.class.getName());

    private final ClusterSettings settings;
    private final ModuleContext context;
    private final ServerDescriptor self;
    private final ClusterForwarder forwarder;
    private final ClusterRemoteCaller remoteCaller;
    private volatile EtcdServiceDiscovery discovery;
    private volatile ServiceDiscovery lastKnown;
    private volatile NatsRpcServer rpcServer;
    private volatile NatsRpcClient rpcClient;
    private volatile FrontendUsers users;
    private volatile UniqueSessions uniqueSessions;

    public ClusterModule(ClusterSettings settings, ModuleContext context) {
        this(settings, context, context.server().config().serverId());
    }

    /** @param serverId this server's id in etcd and in its NATS subject (unique in the cluster) */
    public ClusterModule(ClusterSettings settings, ModuleContext context, String serverId) {
        this.settings = settings;
        this.context = context;
        this.self = new ServerDescriptor(serverId, context.server().config().serverType(),
                settings.metadata(), settings.frontend(), hostname());
        this.forwarder = new ClusterForwarder(self, settings.rpcClient().requestTimeout(), context.server().tracer(),
                context.routers());
        this.remoteCaller = new ClusterRemoteCaller(self, settings.rpcClient().requestTimeout(), context.server().tracer(),
                context.routers());
    }

    public ServerDescriptor self() {
        return self;
    }

    /** Service discovery while this server is registered. */
    public Optional<ServiceDiscovery> discovery() {
        return Optional.ofNullable(discovery);
    }

    @Override
    public String name() {
        return "cluster";
    }

    @Override
    public Optional<RemoteForwarder> remoteForwarder() {
        return Optional.of(forwarder);
    }

    @Override
    public Optional<RemoteCaller> remoteCaller() {
        return Optional.of(remoteCaller);
    }

    @Override
    public void start() {
        // responses complete on NATS' thread in arrival order; the forwarder moves them to the session's mailbox
        Executor inOrder = Runnable::run;
        rpcClient = NatsRpcClient.start(self, settings.rpcClient(), inOrder, context.threads(),
                context.server().metrics());
        FrontendRpc frontends = new FrontendRpc(rpcClient, new RequestFactory(self, settings.rpcClient().requestTimeout()),
                this::knownServer);
        SysRequestHandler handler = new SysRequestHandler(context.server(), context.serializer(), context.workers(),
                frontends);
        // requests are taken in NATS' order and handed to one serial lane per session (see SysRequestHandler)
        // user RPCs (remotes) run on the handler pool, unordered, as Pitaya's; the sys remotes (a backend binding,
        // pushing data to or kicking a player of this frontend) come first
        RequestHandler requests = new SysRemotes(context.server().sessions(),
                new RpcTypeRouter(handler, new UserRpcHandler(context.remotes(), context.workers(), context.server().tracer())));
        rpcServer = NatsRpcServer.start(self, settings.rpcServer(), withDroppedMessages(requests), inOrder,
                context.threads());
        discovery = EtcdServiceDiscovery.start(self, settings.etcd(), context.threads());
        lastKnown = discovery;
        ServerCounts.report(discovery, context.server().metrics());
        forwarder.connect(discovery, rpcClient);
        remoteCaller.connect(discovery, rpcClient);
        // Sessions.pushToUsers/kickUsers with a frontend type reach users on other servers over NATS
        context.server().sessions().userMessenger(new NatsUserMessenger(self, rpcClient), context.serializer());
        if (self.frontend()) {
            users = FrontendUsers.listen(context.server().sessions(), rpcServer);
            if (settings.uniqueSessions()) {
                uniqueSessions = UniqueSessions.start(self, context.server().sessions(), rpcClient, rpcServer);
            }
        }
        LOG.info(() -> "cluster mode: " + self.type() + "/" + self.id() + (self.frontend() ? " (frontend)" : "")
                + " registered in etcd, serving RPCs over NATS");
    }

    /** With metrics on, reports the RPC subscription's dropped messages as each request arrives. */
    private RequestHandler withDroppedMessages(RequestHandler requests) {
        MetricsReporter metrics = context.server().metrics();
        if (metrics == MetricsReporter.NONE) {
            return requests;
        }
        return request -> {
            NatsRpcServer server = rpcServer;
            if (server != null) {
                metrics.droppedMessages(server.droppedMessages());
            }
            return requests.handle(request);
        };
    }

    /**
     * A server by id as service discovery last knew it: after this server left etcd (its sessions draining) the
     * frontends of its in-flight work are still reachable.
     */
    private Optional<ServerDescriptor> knownServer(String id) {
        ServiceDiscovery sd = lastKnown;
        return sd == null ? Optional.empty() : sd.server(id);
    }

    /** Whether the NATS connections of the RPC server and client are both up (readiness). */
    public boolean natsConnected() {
        NatsRpcServer server = rpcServer;
        NatsRpcClient client = rpcClient;
        return server != null && client != null && server.connected() && client.connected();
    }

    /** Whether this server is registered in etcd: discovery started and the server has not left (readiness). */
    public boolean registered() {
        return discovery != null;
    }

    @Override
    public void beforeSessionsDrain() {
        closeDiscovery();
    }

    @Override
    public void stop() {
        forwarder.disconnect();
        remoteCaller.disconnect();
        context.server().sessions().userMessenger(UserMessenger.LOCAL_ONLY, null);
        close(uniqueSessions, "the unique-session module");
        uniqueSessions = null;
        close(users, "the users' subscriptions");
        users = null;
        closeDiscovery();
        lastKnown = null;
        close(rpcServer, "the NATS RPC server");
        close(rpcClient, "the NATS RPC client");
        rpcServer = null;
        rpcClient = null;
    }

    private void closeDiscovery() {
        EtcdServiceDiscovery sd = discovery;
        discovery = null;
        close(sd, "etcd service discovery");
    }

    private static void close(AutoCloseable closeable, String what) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "closing " + what + " failed", e);
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "";
        }
    }
}
