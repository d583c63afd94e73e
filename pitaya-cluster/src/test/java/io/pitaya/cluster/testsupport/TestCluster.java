package io.pitaya.cluster.testsupport;

import io.pitaya.cluster.config.SettingSource;
import io.pitaya.cluster.discovery.EtcdServiceDiscovery;
import io.pitaya.cluster.discovery.EtcdSettings;
import io.pitaya.cluster.module.ClusterModule;
import io.pitaya.cluster.module.ClusterSettings;
import io.pitaya.cluster.server.ServerDescriptor;
import io.pitaya.api.Rpc;
import io.pitaya.core.config.MapConfig;
import io.pitaya.core.handler.InvocationScope;
import io.pitaya.core.module.ModuleContext;
import io.pitaya.core.remote.RemoteRegistry;
import io.pitaya.core.remote.Remotes;
import io.pitaya.core.router.RemoteForwarder;
import io.pitaya.core.router.ServerRouters;
import io.pitaya.core.testing.TestServer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static io.pitaya.cluster.testsupport.Eventually.within;

/**
 * Real Pitaya servers in one JVM, each with its cluster module, sharing one etcd prefix (a cluster of its own) on
 * the given etcd and nats-server. Close it after each test.
 */
public final class TestCluster implements AutoCloseable {

    /** A started server, its cluster module and its remotes (none served; its handlers call others' through them). */
    public record Node(TestServer server, ClusterModule module, Remotes remotes) {
        public String id() {
            return module.self().id();
        }

        public Rpc rpc() {
            return remotes.rpc();
        }
    }

    private final EtcdServer etcd;
    private final NatsServer nats;
    private final String prefix = "cluster-" + UUID.randomUUID() + "/";
    private final Eventually.CountingThreads threads = new Eventually.CountingThreads("cluster");
    private final List<ExecutorService> pools = new ArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();

    public TestCluster(EtcdServer etcd, NatsServer nats) {
        this.etcd = etcd;
        this.nats = nats;
    }

    /** Starts a backend of {@code type} serving {@code handlers}. */
    public Node backend(String type, Object... handlers) {
        return node(type, false, Map.of(), handlers);
    }

    /** Starts a frontend of {@code type} serving {@code handlers}; forwards other types' routes. */
    public Node frontend(String type, Object... handlers) {
        return node(type, true, Map.of(), handlers);
    }

    /** Starts a server with extra configuration keys (e.g. {@code pitaya.session.unique}). */
    public Node node(String type, boolean frontend, Map<String, String> extra, Object... handlers) {
        return node(type, frontend, extra, ServerRouters.NONE, handlers);
    }

    /** Starts a server whose forwarded messages and remote calls go where {@code routers} say. */
    public Node node(String type, boolean frontend, Map<String, String> extra, ServerRouters routers,
                     Object... handlers) {
        AtomicReference<RemoteForwarder> forwarder = new AtomicReference<>();
        TestServer.Builder builder = TestServer.builder().type(type).pool(2)
                .remote((session, route, message) -> forwarder.get().forward(session, route, message));
        for (Object handler : handlers) {
            builder.handler(handler);
        }
        TestServer server = builder.start();
        open.add(server);
        Map<String, String> keys = new HashMap<>(Map.of(
                ClusterSettings.ENABLED, "true",
                ClusterSettings.FRONTEND, String.valueOf(frontend),
                "pitaya.cluster.sd.etcd.endpoints", etcd.endpoint(),
                "pitaya.cluster.sd.etcd.prefix", prefix,
                "pitaya.cluster.sd.etcd.shutdown.delay", "0s",
                "pitaya.cluster.rpc.client.nats.connect", nats.url(),
                "pitaya.cluster.rpc.server.nats.connect", nats.url(),
                "pitaya.cluster.rpc.client.nats.requesttimeout", "3s"));
        keys.putAll(extra);
        ExecutorService workers = Executors.newFixedThreadPool(4);
        pools.add(workers);
        Remotes remotes = new Remotes(type);
        ClusterModule module = new ClusterModule(ClusterSettings.from(SettingSource.of(keys)),
                new ModuleContext(new MapConfig(keys), server.server(), server.serializer(), threads, workers,
                        remotes, routers),
                type + "-" + UUID.randomUUID());
        // as the container does: remotes first, with the module's caller
        remotes.start(RemoteRegistry.builder().build(), InvocationScope.NONE, workers,
                module.remoteCaller().orElseThrow());
        open.add(remotes::stop);
        module.start();
        open.add(module::stop);
        forwarder.set(module.remoteForwarder().orElseThrow());
        Node node = new Node(server, module, remotes);
        nodes.add(node);
        awaitDiscovery();
        return node;
    }

    /**
     * Registers {@code server} in this cluster's etcd as another implementation would (e.g. a Go frontend whose NATS
     * side the test plays), and waits until every node knows it.
     */
    public void register(ServerDescriptor server) {
        EtcdServiceDiscovery discovery = EtcdServiceDiscovery.start(server, EtcdSettings.from(SettingSource.of(Map.of(
                "pitaya.cluster.sd.etcd.endpoints", etcd.endpoint(),
                "pitaya.cluster.sd.etcd.prefix", prefix,
                "pitaya.cluster.sd.etcd.shutdown.delay", "0s"))), threads);
        open.add(discovery);
        within(Duration.ofSeconds(5), "every server discovers " + server.id(), () -> nodes.stream().allMatch(
                n -> n.module().discovery().map(d -> d.server(server.id()).isPresent()).orElse(true)));
    }

    /** Waits until every node's discovery knows every other node. */
    public void awaitDiscovery() {
        within(Duration.ofSeconds(5), "every server discovers every other", () -> nodes.stream().allMatch(
                n -> n.module().discovery().map(d -> nodes.stream().allMatch(o -> d.server(o.id()).isPresent()))
                        .orElse(true)));
    }

    @Override
    public void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        pools.forEach(ExecutorService::shutdownNow);
    }
}
