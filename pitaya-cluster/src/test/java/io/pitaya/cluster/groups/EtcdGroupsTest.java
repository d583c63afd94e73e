package io.pitaya.cluster.groups;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.LeaseOption;
import io.etcd.jetcd.options.PutOption;
import io.pitaya.api.PitayaException;
import io.pitaya.cluster.testsupport.EtcdServer;
import io.pitaya.cluster.testsupport.Eventually.CountingThreads;
import io.pitaya.core.group.GroupServiceContext;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.pitaya.cluster.testsupport.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pitaya's etcd groups against a real etcd: the keys a Go server reads and writes, TTLs, concurrent servers. */
class EtcdGroupsTest {

    @RegisterExtension
    static final EtcdServer ETCD = new EtcdServer();

    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static Client raw;

    private final String prefix = "g" + PREFIXES.incrementAndGet() + "/pitaya/";
    private final CountingThreads threads = new CountingThreads("groups");
    private final List<EtcdGroups> started = new ArrayList<>();

    @BeforeAll
    static void rawClient() {
        raw = Client.builder().endpoints(ETCD.endpoint()).build();
    }

    @AfterAll
    static void closeRawClient() {
        raw.close();
    }

    @AfterEach
    void stopAll() {
        started.forEach(EtcdGroups::stop);
    }

    private EtcdGroups start() {
        return start(ETCD.endpoint(), Duration.ofSeconds(5));
    }

    private EtcdGroups start(String endpoint, Duration timeouts) {
        EtcdGroups groups = new EtcdGroups(new EtcdGroupSettings(List.of(endpoint), timeouts, prefix, timeouts), threads);
        started.add(groups);
        groups.start(new GroupServiceContext(null, Duration.ofSeconds(30)));
        return groups;
    }

    // --- raw etcd, as a Go server sees it ------------------------------------------------------------------

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private static KeyValue get(String key) throws Exception {
        List<KeyValue> kvs = raw.getKVClient().get(bytes(key)).get(5, TimeUnit.SECONDS).getKvs();
        return kvs.isEmpty() ? null : kvs.get(0);
    }

    private List<String> keysUnder(String keyPrefix) throws Exception {
        return raw.getKVClient().get(bytes(keyPrefix), GetOption.builder().isPrefix(true).withKeysOnly(true).build())
                .get(5, TimeUnit.SECONDS).getKvs().stream().map(kv -> kv.getKey().toString(StandardCharsets.UTF_8)).toList();
    }

    private static long grantedTtl(long lease) throws Exception {
        return raw.getLeaseClient().timeToLive(lease, LeaseOption.DEFAULT).get(5, TimeUnit.SECONDS).getGrantedTTL();
    }

    private static void assertError(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(PitayaException.class).hasMessage(message)
                .satisfies(e -> assertThat(((PitayaException) e).code()).isEqualTo("PIT-000"));
    }

    private static boolean exists(EtcdGroups groups, String group) {
        try {
            groups.members(group);
            return true;
        } catch (PitayaException notFound) {
            return false;
        }
    }

    private static int unusedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // --- tests ---------------------------------------------------------------------------------------------

    @Test
    void groupsAndMembersArePitayasKeysWithEmptyValues() throws Exception {
        EtcdGroups groups = start();
        groups.create("room");
        groups.add("room", "bob");
        groups.add("room", "alice");

        assertThat(groups.members("room")).as("key order, as Go lists them").containsExactly("alice", "bob");
        assertThat(keysUnder(prefix)).containsExactly(
                prefix + "groups/room", prefix + "groups/room/uids/alice", prefix + "groups/room/uids/bob");
        for (String key : keysUnder(prefix)) {
            KeyValue kv = get(key);
            assertThat(kv.getValue().getBytes()).as(key).isEmpty();
            assertThat(kv.getLease()).as(key + " without TTL has no lease").isZero();
        }
    }

    @Test
    void aGroupWithTtlAndItsMembersShareOneLeaseOfTheTtlInSeconds() throws Exception {
        EtcdGroups groups = start();
        groups.createWithTTL("match", Duration.ofSeconds(30));
        groups.add("match", "alice");

        long lease = get(prefix + "groups/match").getLease();
        assertThat(lease).isNotZero();
        assertThat(get(prefix + "groups/match/uids/alice").getLease()).isEqualTo(lease);
        assertThat(grantedTtl(lease)).isEqualTo(30);
    }

    @Test
    void aGroupWrittenByAGoServerIsReadAndChanged() throws Exception {
        // what Go Pitaya's etcd group service writes: the group key, then one key per member, empty values
        raw.getKVClient().put(bytes(prefix + "groups/go"), ByteSequence.EMPTY).get(5, TimeUnit.SECONDS);
        raw.getKVClient().put(bytes(prefix + "groups/go/uids/g1"), ByteSequence.EMPTY).get(5, TimeUnit.SECONDS);
        raw.getKVClient().put(bytes(prefix + "groups/go/uids/g2"), ByteSequence.EMPTY).get(5, TimeUnit.SECONDS);
        EtcdGroups groups = start();

        assertThat(groups.members("go")).containsExactly("g1", "g2");
        assertThat(groups.contains("go", "g2")).isTrue();
        assertThat(groups.count("go")).isEqualTo(2);
        assertError(() -> groups.create("go"), "group already exists");
        groups.remove("go", "g1");
        groups.add("go", "j1");
        assertThat(keysUnder(prefix + "groups/go/")).containsExactly(prefix + "groups/go/uids/g2", prefix + "groups/go/uids/j1");
    }

    @Test
    void sizesListEveryGroupWithItsMemberCountAsGoServersWroteThem() throws Exception {
        EtcdGroups groups = start();
        assertThat(groups.sizes()).isEmpty();
        groups.create("room");
        groups.create("room/2"); // a name that extends another's, and one that looks like a member key
        groups.create("lobby/uids/x");
        groups.add("room", "alice");
        groups.add("room", "bob");
        groups.add("room/2", "carol");
        // a Go server's group, written directly
        raw.getKVClient().put(bytes(prefix + "groups/go"), ByteSequence.EMPTY).get(5, TimeUnit.SECONDS);
        raw.getKVClient().put(bytes(prefix + "groups/go/uids/g1"), ByteSequence.EMPTY).get(5, TimeUnit.SECONDS);

        assertThat(groups.sizes()).containsExactly(java.util.Map.entry("go", 1), java.util.Map.entry("lobby/uids/x", 0),
                java.util.Map.entry("room", 2), java.util.Map.entry("room/2", 1));
        groups.delete("room");
        groups.remove("go", "g1");
        assertThat(groups.sizes()).containsOnlyKeys("go", "lobby/uids/x", "room/2").containsEntry("go", 0);
    }

    @Test
    void errorsArePitayasMessages() {
        EtcdGroups groups = start();
        groups.create("room");
        assertError(() -> groups.create("room"), "group already exists");
        assertError(() -> groups.createWithTTL("room", Duration.ofSeconds(5)), "group already exists");
        assertThat(groups.createIfAbsent("room")).isFalse();
        assertThat(groups.createIfAbsent("hall")).isTrue();

        groups.add("room", "alice");
        assertError(() -> groups.add("room", "alice"), "member already exists in group");
        assertError(() -> groups.add("missing", "alice"), "group not found");
        assertError(() -> groups.remove("room", "nobody"), "member not found in the group");
        assertError(() -> groups.remove("missing", "alice"), "member not found in the group"); // as Go: no group check
        assertError(() -> groups.members("missing"), "group not found");
        assertError(() -> groups.contains("missing", "alice"), "group not found");
        assertError(() -> groups.removeAll("missing"), "group not found");
        assertError(() -> groups.delete("missing"), "group not found");
        assertError(() -> groups.renewTTL("missing"), "group not found");
        assertError(() -> groups.renewTTL("room"), "etcd lease not found in group");
        assertThat(groups.count("missing")).as("Go's etcd service counts keys: 0 for a missing group").isZero();
        assertThatThrownBy(() -> groups.createWithTTL("x", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void removeAllKeepsTheGroupAndDeleteRemovesEveryKeyButNotAGroupWhoseNameExtendsIt() throws Exception {
        EtcdGroups groups = start();
        groups.create("a");
        groups.create("a-suffix");
        groups.add("a", "u1");
        groups.add("a", "u2");
        groups.add("a-suffix", "u1");

        groups.removeAll("a");
        assertThat(groups.members("a")).isEmpty();
        assertThat(groups.count("a")).isZero();
        assertThat(get(prefix + "groups/a")).isNotNull();

        groups.add("a", "u3");
        groups.delete("a");
        assertThat(keysUnder(prefix)).containsExactly(prefix + "groups/a-suffix", prefix + "groups/a-suffix/uids/u1");
        assertThat(groups.contains("a-suffix", "u1")).isTrue();
        groups.create("a"); // the name is free again
        assertThat(groups.members("a")).isEmpty();
    }

    @Test
    void aGroupWithTtlExpiresWithItsMembersUnlessRenewed() throws Exception {
        EtcdGroups groups = start();
        groups.createWithTTL("short", Duration.ofSeconds(2));
        groups.add("short", "alice");
        groups.createWithTTL("renewed", Duration.ofSeconds(2));
        groups.add("renewed", "bob");

        Duration took = within(Duration.ofSeconds(15), "the short group expires", () -> {
            groups.renewTTL("renewed");
            return !exists(groups, "short");
        });
        assertThat(took).as("not before its TTL").isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(keysUnder(prefix + "groups/short")).as("members went with the group").isEmpty();
        assertThat(groups.count("short")).isZero();
        assertError(() -> groups.add("short", "carol"), "group not found");

        assertThat(groups.members("renewed")).as("renewed every poll, it outlived its TTL").containsExactly("bob");
        assertThat(grantedTtl(get(prefix + "groups/renewed").getLease())).isEqualTo(2);
    }

    @Test
    void concurrentServersNeitherLoseNorDuplicateMembers() throws Exception {
        // two servers (two clients), eight threads: distinct uids all land, a shared uid is added exactly once
        EtcdGroups one = start();
        EtcdGroups two = start();
        one.create("arena");
        int threadsCount = 8;
        int perThread = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threadsCount);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger sharedAdded = new AtomicInteger();
        Set<String> sharedErrors = ConcurrentHashMap.newKeySet();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threadsCount; t++) {
                EtcdGroups server = t % 2 == 0 ? one : two;
                int thread = t;
                futures.add(pool.submit((Callable<Void>) () -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        server.add("arena", "u" + thread + "-" + i);
                    }
                    try {
                        server.add("arena", "shared");
                        sharedAdded.incrementAndGet();
                    } catch (PitayaException e) {
                        sharedErrors.add(e.getMessage());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sharedAdded).hasValue(1);
        assertThat(sharedErrors).containsExactly("member already exists in group");
        assertThat(two.count("arena")).isEqualTo(threadsCount * perThread + 1);
        assertThat(one.members("arena")).hasSize(threadsCount * perThread + 1).doesNotHaveDuplicates();
    }

    @Test
    void concurrentCreatesHaveOneWinner() throws Exception {
        EtcdGroups one = start();
        EtcdGroups two = start();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < 4; i++) {
                EtcdGroups server = i % 2 == 0 ? one : two;
                results.add(pool.submit(() -> {
                    go.await();
                    return server.createIfAbsent("lobby");
                }));
            }
            go.countDown();
            int created = 0;
            for (Future<Boolean> r : results) {
                created += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void startFailsWhenEtcdDoesNotAnswerAndStopEndsItsThreads() {
        String nobody = "http://127.0.0.1:" + unusedPort();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> start(nobody, Duration.ofMillis(800)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("etcd groups: no answer from");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));

        EtcdGroups groups = start();
        groups.create("x");
        groups.stop();
        within(Duration.ofSeconds(5), "every thread made for the groups ended", () -> threads.alive() == 0);
        assertError(() -> groups.create("y"), "etcd groups are not started");
    }

    @Test
    void anUnreachableEtcdAnswersADeadlineErrorWithinTheTransactionTimeout() throws Exception {
        EtcdGroups groups = start(ETCD.endpoint(), Duration.ofMillis(700));
        groups.create("room");
        ETCD.stop();
        try {
            long t0 = System.nanoTime();
            assertError(() -> groups.add("room", "alice"), "context deadline exceeded");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        } finally {
            ETCD.start();
        }
        within(Duration.ofSeconds(20), "etcd answers again", () -> {
            try {
                groups.add("room", "alice");
                return true;
            } catch (PitayaException e) {
                return false;
            }
        });
        assertThat(groups.members("room")).containsExactly("alice");
    }
}
