package io.pitaya.cluster.discovery;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import io.pitaya.cluster.server.ServerDescriptor;
import io.pitaya.cluster.server.ServerJson;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pitaya's etcd service discovery (PROTOCOL.md §7): registers this server under {@code <prefix>servers/<type>/<id>}
 * on a lease, reads every server once, then follows a prefix watch (PUT adds, DELETE removes), with a full resync
 * every {@code syncservers.interval} and whenever etcd comes back after an outage.
 *
 * <p>Threads: one "discovery" thread (from the given factory) does all the work, in order: heartbeats, resyncs,
 * applying watch events, calling listeners. jetcd's callbacks run on a small pool from the same factory and only
 * hand events over; jetcd's own gRPC/Vert.x event loops are its internals and end with {@link #close()}.
 */
public final class EtcdServiceDiscovery implements ServiceDiscovery {

    private static final Logger LOG = Logger.getLogger(EtcdServiceDiscovery.class.getName());
    private static final long WATCH_RETRY_MILLIS = 1000;

    private final ServerDescriptor self;
    private final EtcdSettings settings;
    private final ServerCache cache = new ServerCache();
    private final List<ServerListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService worker;
    private final ExecutorService callbacks;
    private final Client client;
    private final LeaseRegistration registration;
    private final Runnable afterFirstRead;
    private Watch.Watcher watcher;
    private volatile boolean closed;

    private EtcdServiceDiscovery(ServerDescriptor self, EtcdSettings settings, ThreadFactory threads,
                                 Runnable afterFirstRead) {
        this.self = self;
        this.afterFirstRead = afterFirstRead;
        this.settings = settings;
        this.worker = Executors.newSingleThreadScheduledExecutor(threads);
        this.callbacks = Executors.newFixedThreadPool(2, threads);
        ClientBuilder builder = Client.builder().endpoints(settings.endpointUris().toArray(String[]::new))
                .namespace(ServerKeys.bytes(settings.prefix())).executorService(callbacks)
                .connectTimeout(settings.dialTimeout());
        if (!settings.user().isEmpty()) {
            builder.user(ServerKeys.bytes(settings.user())).password(ServerKeys.bytes(settings.pass()));
        }
        this.client = builder.build();
        this.registration = new LeaseRegistration(client, settings, self);
    }

    /**
     * Registers {@code self}, reads the cluster and starts following it.
     *
     * @param threads where every thread of the discovery comes from (the container's ManagedThreadFactory)
     * @throws IllegalStateException if etcd cannot be reached within the grant timeout
     */
    public static EtcdServiceDiscovery start(ServerDescriptor self, EtcdSettings settings, ThreadFactory threads) {
        return start(self, settings, threads, () -> { });
    }

    /** The same, running {@code afterFirstRead} between the first read of the servers and the watch (tests). */
    static EtcdServiceDiscovery start(ServerDescriptor self, EtcdSettings settings, ThreadFactory threads,
                                      Runnable afterFirstRead) {
        EtcdServiceDiscovery discovery = new EtcdServiceDiscovery(self, settings, threads, afterFirstRead);
        try {
            discovery.worker.submit(discovery::begin).get();
        } catch (Exception e) {
            discovery.close();
            throw new IllegalStateException("cannot join the cluster through etcd " + settings.endpoints(),
                    e.getCause() == null ? e : e.getCause());
        }
        return discovery;
    }

    private Void begin() throws Exception {
        cache.put(self);
        registration.register(settings.grantLeaseTimeout());
        long revision = resync();
        afterFirstRead.run();
        startWatch(revision + 1);
        long heartbeat = Math.max(100, settings.heartbeatTtl().toMillis() / 3);
        worker.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        long sync = settings.syncServersInterval().toMillis();
        worker.scheduleWithFixedDelay(this::resyncQuietly, sync, sync, TimeUnit.MILLISECONDS);
        return null;
    }

    private void heartbeat() {
        if (registration.heartbeat()) {
            LOG.info("etcd reachable again; resynchronising the servers");
            resyncAndRestartWatch();
        }
    }

    /** Makes the cache equal to etcd's servers (self always stays); the etcd revision it read. */
    private long resync() throws Exception {
        GetResponse response = LeaseRegistration.await(client.getKVClient().get(ServerKeys.SERVERS_PREFIX,
                GetOption.builder().isPrefix(true).build()), settings.dialTimeout());
        List<KeyValue> kvs = response.getKvs();
        Set<String> present = new HashSet<>();
        for (KeyValue kv : kvs) {
            parse(kv).ifPresent(server -> {
                present.add(server.id());
                add(server);
            });
        }
        for (String id : cache.ids()) {
            if (!present.contains(id)) {
                remove(id);
            }
        }
        return response.getHeader().getRevision();
    }

    private void resyncQuietly() {
        try {
            resync();
        } catch (Exception e) {
            LOG.log(Level.FINE, "server resync failed; keeping the last known servers", e);
        }
    }

    /**
     * Follows the servers from etcd revision {@code fromRevision} on: the one after the read the cache was filled from,
     * so a server that registers between that read and the watch's creation is not missed (0: from now on).
     */
    private void startWatch(long fromRevision) {
        if (closed) {
            return;
        }
        WatchOption.Builder option = WatchOption.builder().isPrefix(true);
        if (fromRevision > 0) {
            option.withRevision(fromRevision);
        }
        watcher = client.getWatchClient().watch(ServerKeys.SERVERS_PREFIX, option.build(),
                Watch.listener(response -> worker.execute(() -> apply(response)), this::watchFailed));
    }

    private void watchFailed(Throwable error) {
        if (closed) {
            return;
        }
        LOG.log(Level.FINE, "etcd watch failed; restarting it and resynchronising", error);
        worker.schedule(this::resyncAndRestartWatch, WATCH_RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A fresh read, then a watch from the revision after it; without etcd, a watch from now and the last servers. */
    private void resyncAndRestartWatch() {
        if (watcher != null) {
            watcher.close();
        }
        long revision = 0;
        try {
            revision = resync();
        } catch (Exception e) {
            LOG.log(Level.FINE, "server resync failed; keeping the last known servers", e);
        }
        startWatch(revision == 0 ? 0 : revision + 1);
    }

    private void apply(WatchResponse response) {
        for (WatchEvent event : response.getEvents()) {
            switch (event.getEventType()) {
                case PUT -> parse(event.getKeyValue()).ifPresent(this::add);
                case DELETE -> ServerKeys.parse(event.getKeyValue().getKey())
                        .ifPresent(key -> remove(key.id()));
                default -> LOG.fine(() -> "ignored etcd event " + event.getEventType());
            }
        }
    }

    private Optional<ServerDescriptor> parse(KeyValue kv) {
        Optional<ServerKeys.TypeAndId> key = ServerKeys.parse(kv.getKey());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            ServerDescriptor server = ServerJson.decode(kv.getValue().getBytes());
            if (settings.serverTypesBlacklist().contains(server.type()) && !server.id().equals(self.id())) {
                return Optional.empty();
            }
            return Optional.of(server);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "ignored the malformed server record " + kv.getKey(), e);
            return Optional.empty();
        }
    }

    private void add(ServerDescriptor server) {
        if (cache.put(server) && !server.id().equals(self.id())) {
            LOG.fine(() -> "server added: " + server);
            listeners.forEach(l -> notify(() -> l.serverAdded(server)));
        }
    }

    private void remove(String id) {
        if (id.equals(self.id())) {
            return;
        }
        cache.remove(id).ifPresent(server -> {
            LOG.fine(() -> "server removed: " + server);
            listeners.forEach(l -> notify(() -> l.serverRemoved(server)));
        });
    }

    private static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a server listener failed", e);
        }
    }

    @Override
    public ServerDescriptor self() {
        return self;
    }

    @Override
    public Optional<ServerDescriptor> server(String id) {
        return cache.byId(id);
    }

    @Override
    public Collection<ServerDescriptor> serversOfType(String type) {
        return cache.byType(type);
    }

    @Override
    public Collection<ServerDescriptor> servers() {
        return cache.all();
    }

    @Override
    public void addListener(ServerListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(ServerListener listener) {
        listeners.remove(listener);
    }

    /** Stops heartbeats and the watch, revokes the lease, waits {@code shutdown.delay}, then releases everything. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            worker.submit(() -> {
                if (watcher != null) {
                    watcher.close();
                }
                registration.revoke();
            }).get(settings.revokeTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            Thread.sleep(settings.shutdownDelay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "leaving etcd did not finish cleanly", e);
        } finally {
            worker.shutdownNow();
            client.close();
            callbacks.shutdownNow();
            awaitQuietly(worker);
            awaitQuietly(callbacks);
        }
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
