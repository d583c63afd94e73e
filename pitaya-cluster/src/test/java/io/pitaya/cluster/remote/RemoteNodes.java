package io.pitaya.cluster.remote;

import io.pitaya.api.Rpc;
import io.pitaya.cluster.config.SettingSource;
import io.pitaya.cluster.module.ClusterModule;
import io.pitaya.cluster.module.ClusterSettings;
import io.pitaya.cluster.testsupport.EtcdServer;
import io.pitaya.cluster.testsupport.Eventually;
import io.pitaya.cluster.testsupport.NatsServer;
import io.pitaya.core.config.MapConfig;
import io.pitaya.core.handler.InvocationScope;
import io.pitaya.core.module.ModuleContext;
import io.pitaya.core.remote.RemoteRegistry;
import io.pitaya.core.remote.Remotes;
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
import java.util.concurrent.atomic.AtomicInteger;

import static io.pitaya.cluster.testsupport.Eventually.within;

/**
 * Real Pitaya servers in one JVM with their remotes and cluster modules (one etcd prefix of their own), started as
 * the container does: remotes first (with the module's caller), then the module.
 */
final class RemoteNodes implements AutoCloseable {

    /** Names the worker threads so tests can tell where a continuation ran. */
    static final String WORKER = "remote-worker-";

    record Node(String id, Remotes remotes, ClusterModule module) {
        Rpc rpc() {
            return remotes.rpc();
        }
    }

    private final EtcdServer etcd;
    private final NatsServer nats;
    private final String prefix = "remotes-" + UUID.randomUUID() + "/";
    private final Eventually.CountingThreads threads = new Eventually.CountingThreads("cluster");
    private final AtomicInteger workerCount = new AtomicInteger();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();

    RemoteNodes(EtcdServer etcd, NatsServer nats) {
        this.etcd = etcd;
        this.nats = nats;
    }

    Node start(String type, boolean frontend, Object... remoteBeans) {
        return start(type, frontend, io.pitaya.core.tracing.Tracer.NONE, remoteBeans);
    }

    Node start(String type, boolean frontend, io.pitaya.core.tracing.Tracer tracer, Object... remoteBeans) {
        return start(type, frontend, Map.of(), ServerRouters.NONE, tracer, remoteBeans);
    }

    /** A server with extra configuration keys whose calls go where {@code routers} say. */
    Node start(String type, boolean frontend, Map<String, String> extra, ServerRouters routers, Object... remoteBeans) {
        return start(type, frontend, extra, routers, io.pitaya.core.tracing.Tracer.NONE, remoteBeans);
    }

    private Node start(String type, boolean frontend, Map<String, String> extra, ServerRouters routers,
                       io.pitaya.core.tracing.Tracer tracer, Object... remoteBeans) {
        TestServer server = TestServer.builder().type(type).pool(2).tracer(tracer).start();
        open.add(server);
        Map<String, String> keys = new HashMap<>(keys(frontend));
        keys.putAll(extra);
        ExecutorService workers = Executors.newFixedThreadPool(4,
                r -> new Thread(r, WORKER + workerCount.incrementAndGet()));
        open.add(workers::shutdownNow);
        Remotes remotes = new Remotes(type);
        String id = type + "-" + UUID.randomUUID();
        ClusterModule module = new ClusterModule(ClusterSettings.from(SettingSource.of(keys)),
                new ModuleContext(new MapConfig(keys), server.server(), server.serializer(), threads, workers, remotes,
                        routers),
                id);
        remotes.start(RemoteRegistry.builder().remote(remoteBeans).build(), InvocationScope.NONE, workers,
                module.remoteCaller().orElseThrow());
        open.add(remotes::stop);
        module.start();
        open.add(module::stop);
        Node node = new Node(id, remotes, module);
        nodes.add(node);
        within(Duration.ofSeconds(5), "every server discovers every other", () -> nodes.stream().allMatch(
                n -> n.module().discovery().map(d -> nodes.stream().allMatch(o -> d.server(o.id()).isPresent()))
                        .orElse(true)));
        return node;
    }

    /** The cluster's configuration keys (etcd prefix, NATS URL) for a server of it. */
    Map<String, String> keys(boolean frontend) {
        return Map.of(
                ClusterSettings.ENABLED, "true",
                ClusterSettings.FRONTEND, String.valueOf(frontend),
                "pitaya.cluster.sd.etcd.endpoints", etcd.endpoint(),
                "pitaya.cluster.sd.etcd.prefix", prefix,
                "pitaya.cluster.sd.etcd.shutdown.delay", "0s",
                "pitaya.cluster.rpc.client.nats.connect", nats.url(),
                "pitaya.cluster.rpc.server.nats.connect", nats.url(),
                "pitaya.cluster.rpc.client.nats.requesttimeout", "3s");
    }

    /** Waits until every server's discovery knows the server {@code id}. */
    void awaitDiscovered(String id) {
        within(Duration.ofSeconds(5), "every server discovers " + id, () -> nodes.stream().allMatch(
                n -> n.module().discovery().map(d -> d.server(id).isPresent()).orElse(true)));
    }

    @Override
    public void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }
}
