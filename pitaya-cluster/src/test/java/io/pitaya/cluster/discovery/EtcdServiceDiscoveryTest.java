package io.pitaya.cluster.discovery;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.PutOption;
import io.pitaya.cluster.config.SettingSource;
import io.pitaya.cluster.server.ServerDescriptor;
import io.pitaya.cluster.server.ServerJson;
import io.pitaya.cluster.testsupport.EtcdServer;
import io.pitaya.cluster.testsupport.Eventually.CountingThreads;
import io.pitaya.cluster.testsupport.TestSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.pitaya.cluster.testsupport.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a real etcd: what peers see of each other through Pitaya's registration keys. */
class EtcdServiceDiscoveryTest {

    @RegisterExtension
    static final EtcdServer ETCD = new EtcdServer();

    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static Client raw;

    private final List<EtcdServiceDiscovery> started = new ArrayList<>();
    private final CountingThreads threads = new CountingThreads("sd");
    private final String prefix = "t" + PREFIXES.incrementAndGet() + "/pitaya/";

    @BeforeAll
    static void rawClient() {
        raw = Client.builder().endpoints(ETCD.endpoint()).build();
    }

    @AfterAll
    static void closeRawClient() {
        raw.close();
    }

    @AfterEach
    void closeAll() {
        started.forEach(EtcdServiceDiscovery::close);
    }

    @Test
    void registersPitayasRecordOnALeaseWithTheConfiguredTtl() throws Exception {
        EtcdServiceDiscovery connector = start(frontend("connector"), Map.of());

        KeyValue kv = get(prefix + "servers/connector/" + connector.self().id());
        assertThat(kv.getValue().getBytes()).isEqualTo(ServerJson.encode(connector.self()));
        long granted = raw.getLeaseClient().timeToLive(kv.getLease(),
                io.etcd.jetcd.options.LeaseOption.DEFAULT).get(5, TimeUnit.SECONDS).getGrantedTTL();
        assertThat(granted).isEqualTo(3);
    }

    @Test
    void theKeepAliveKeepsTheKeyOnTheSameLeasePastItsTtl() throws Exception {
        EtcdServiceDiscovery connector = start(frontend("connector"), Map.of());
        String key = prefix + "servers/connector/" + connector.self().id();
        long lease = get(key).getLease();

        Thread.sleep(4500); // one and a half TTLs (3 s): only renewals (every TTL/3) keep the key

        assertThat(get(key).getLease()).as("the same lease, renewed").isEqualTo(lease);
        long left = raw.getLeaseClient().timeToLive(lease, io.etcd.jetcd.options.LeaseOption.DEFAULT)
                .get(5, TimeUnit.SECONDS).getTTL();
        assertThat(left).as("seconds left on the lease").isPositive();
    }

    @Test
    void peersSeeEachOtherByTypeAndIdAndListenersHearOfNewcomers() {
        EtcdServiceDiscovery connector = start(frontend("connector"), Map.of());
        Recorder recorder = new Recorder();
        connector.addListener(recorder);

        EtcdServiceDiscovery room = start(backend("room"), Map.of());

        within(Duration.ofSeconds(5), "the connector sees the room", () -> connector.server(room.self().id()).isPresent());
        assertThat(connector.serversOfType("room")).containsExactly(room.self());
        assertThat(connector.serversOfType("connector")).containsExactly(connector.self());
        assertThat(room.serversOfType("connector")).containsExactly(connector.self());
        assertThat(recorder.events).containsExactly("+" + room.self().id());
    }

    @Test
    void aServerRegisteringBetweenTheFirstReadAndTheWatchIsSeenWithoutWaitingForAResync() throws Exception {
        ServerDescriptor late = backend("room");
        // servers booting together: the room registers after the connector read the servers, before its watch exists
        EtcdServiceDiscovery connector = EtcdServiceDiscovery.start(frontend("connector"), EtcdSettings.from(
                TestSettings.under(EtcdSettings.PREFIX, Map.of("endpoints", ETCD.endpoint(), "prefix", prefix,
                        "heartbeat.ttl", "3s", "syncservers.interval", "120s", "shutdown.delay", "50ms"))), threads,
                () -> put(prefix + "servers/room/" + late.id(), late));
        started.add(connector);

        within(Duration.ofSeconds(3), "the room is seen from the watch (the resync is 120 s away)",
                () -> connector.server(late.id()).isPresent());
    }

    @Test
    void shutdownRevokesSoPeersSeeTheServerGoAtOnce() {
        EtcdServiceDiscovery connector = start(frontend("connector"), Map.of("heartbeat.ttl", "30s"));
        Recorder recorder = new Recorder();
        connector.addListener(recorder);
        EtcdServiceDiscovery room = start(backend("room"), Map.of("heartbeat.ttl", "30s"));
        within(Duration.ofSeconds(5), "room seen", () -> !connector.serversOfType("room").isEmpty());

        room.close();

        within(Duration.ofSeconds(2), "room gone long before its 30 s TTL",
                () -> connector.serversOfType("room").isEmpty());
        assertThat(recorder.events).containsExactly("+" + room.self().id(), "-" + room.self().id());
    }

    @Test
    void aKilledServerDisappearsWithinItsTtl() throws Exception {
        EtcdServiceDiscovery connector = start(frontend("connector"), Map.of());
        ServerDescriptor killed = backend("room");
        long lease = raw.getLeaseClient().grant(2).get(5, TimeUnit.SECONDS).getID();
        raw.getKVClient().put(bytes(prefix + "servers/room/" + killed.id()), ByteSequence.from(ServerJson.encode(killed)),
                PutOption.builder().withLeaseId(lease).build()).get(5, TimeUnit.SECONDS);
        within(Duration.ofSeconds(2), "seen", () -> connector.server(killed.id()).isPresent());

        Duration gone = within(Duration.ofSeconds(4), "gone after its 2 s lease expired without keep-alive",
                () -> connector.server(killed.id()).isEmpty());
        assertThat(gone).isGreaterThan(Duration.ofMillis(1000));
    }

    @Test
    void blacklistedTypesAndMalformedRecordsAreIgnored() throws Exception {
        EtcdServiceDiscovery connector = start(frontend("connector"), Map.of("servertypesblacklist", "metagame"));
        start(backend("metagame"), Map.of());
        raw.getKVClient().put(bytes(prefix + "servers/room/junk"), bytes("not json")).get(5, TimeUnit.SECONDS);
        EtcdServiceDiscovery room = start(backend("room"), Map.of());

        within(Duration.ofSeconds(5), "room seen", () -> connector.server(room.self().id()).isPresent());
        assertThat(connector.serversOfType("metagame")).isEmpty();
        assertThat(connector.server("junk")).isEmpty();
    }

    @Test
    void startingWithoutEtcdFailsAndLeavesNoThreads() {
        SettingSource unreachable = TestSettings.under(EtcdSettings.PREFIX,
                Map.of("endpoints", "127.0.0.1:1", "grantlease.timeout", "1s", "dialtimeout", "1s"));

        assertThatThrownBy(() -> EtcdServiceDiscovery.start(backend("room"), EtcdSettings.from(unreachable), threads))
                .isInstanceOf(IllegalStateException.class);
        within(Duration.ofSeconds(5), "threads ended", () -> threads.alive() == 0);
    }

    @Test
    void closeEndsEveryThreadItMade() {
        EtcdServiceDiscovery room = start(backend("room"), Map.of());
        assertThat(threads.created()).isPositive();

        room.close();

        within(Duration.ofSeconds(5), "threads ended", () -> threads.alive() == 0);
    }

    @Test
    void whileEtcdIsDownTheLastKnownServersStayAndWhenItReturnsEmptyEveryoneRegistersAgain() throws Exception {
        EtcdServiceDiscovery connector = start(frontend("connector"), Map.of());
        EtcdServiceDiscovery room = start(backend("room"), Map.of());
        within(Duration.ofSeconds(5), "room seen", () -> connector.server(room.self().id()).isPresent());

        ETCD.stop();
        Thread.sleep(3500);
        assertThat(connector.server(room.self().id())).contains(room.self());
        ETCD.restart(true);

        within(Duration.ofSeconds(10), "both registered again in the emptied etcd",
                () -> exists(prefix + "servers/room/" + room.self().id())
                        && exists(prefix + "servers/connector/" + connector.self().id()));
        EtcdServiceDiscovery late = start(backend("room"), Map.of());
        within(Duration.ofSeconds(5), "the watch follows the restarted etcd",
                () -> connector.serversOfType("room").size() == 2);
        assertThat(connector.server(late.self().id())).isPresent();
    }

    private EtcdServiceDiscovery start(ServerDescriptor self, Map<String, String> overrides) {
        EtcdServiceDiscovery discovery = EtcdServiceDiscovery.start(self, EtcdSettings.from(TestSettings.under(
                EtcdSettings.PREFIX, Map.of("endpoints", ETCD.endpoint(), "prefix", prefix, "heartbeat.ttl", "3s",
                        "syncservers.interval", "2s", "dialtimeout", "1s", "shutdown.delay", "50ms"), overrides)),
                threads);
        started.add(discovery);
        return discovery;
    }

    private static ServerDescriptor frontend(String type) {
        return ServerDescriptor.create(type, true, Map.of(), "test-host");
    }

    private static void put(String key, ServerDescriptor server) {
        try {
            raw.getKVClient().put(bytes(key), ByteSequence.from(ServerJson.encode(server))).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ServerDescriptor backend(String type) {
        return ServerDescriptor.create(type, false, Map.of("region", "eu"), "test-host");
    }

    private static KeyValue get(String key) throws Exception {
        List<KeyValue> kvs = raw.getKVClient().get(bytes(key)).get(5, TimeUnit.SECONDS).getKvs();
        assertThat(kvs).as(key).hasSize(1);
        return kvs.get(0);
    }

    private static boolean exists(String key) {
        try {
            return raw.getKVClient().get(bytes(key)).get(2, TimeUnit.SECONDS).getCount() == 1;
        } catch (Exception e) {
            return false;
        }
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private static final class Recorder implements ServerListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void serverAdded(ServerDescriptor server) {
            events.add("+" + server.id());
        }

        @Override
        public void serverRemoved(ServerDescriptor server) {
            events.add("-" + server.id());
        }
    }
}
