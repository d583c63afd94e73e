package io.pitaya.core.group;

import io.pitaya.api.PitayaError;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Serializer;
import io.pitaya.core.serialize.JsonSerializer;
import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.TestServer;
import io.pitaya.protocol.Hex;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageType;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemoryGroupsTest {

    /** Counts serializations, to check a broadcast serializes its payload once. */
    static final class CountingSerializer implements Serializer {
        final JsonSerializer json = new JsonSerializer();
        final AtomicInteger marshals = new AtomicInteger();

        @Override
        public String name() {
            return json.name();
        }

        @Override
        public byte[] marshal(Object value) {
            marshals.incrementAndGet();
            return json.marshal(value);
        }

        @Override
        public Object unmarshal(byte[] data, Type type) {
            return json.unmarshal(data, type);
        }

        @Override
        public byte[] marshalError(PitayaError error) {
            return json.marshalError(error);
        }
    }

    private final CountingSerializer serializer = new CountingSerializer();
    private final TestServer server = TestServer.builder().serializer(serializer).start();
    private final MemoryGroups groups = new MemoryGroups(server.sessions(), serializer);

    @AfterEach
    void stop() {
        server.close();
    }

    private static void assertError(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(PitayaException.class).hasMessage(message)
                .satisfies(e -> assertThat(((PitayaException) e).code()).isEqualTo("PIT-000"));
    }

    @Test
    void createRefusesAnExistingGroup() {
        groups.create("room");
        assertError(() -> groups.create("room"), "group already exists");
        assertThat(groups.createIfAbsent("room")).isFalse();
        assertThat(groups.createIfAbsent("other")).isTrue();
        assertThat(groups.count("other")).isZero();
    }

    @Test
    void sizesListEveryGroupByNameWithItsMemberCount() {
        assertThat(groups.sizes()).isEmpty();
        groups.create("room");
        groups.create("lobby");
        groups.add("room", "a");
        groups.add("room", "b");
        assertThat(groups.sizes()).containsExactly(Map.entry("lobby", 0), Map.entry("room", 2));
        groups.remove("room", "a");
        groups.delete("lobby");
        assertThat(groups.sizes()).containsExactly(Map.entry("room", 1));
    }

    @Test
    void addChecksTheUidTheGroupAndDuplicates() {
        assertError(() -> groups.add("room", "a"), "group not found");
        groups.create("room");
        assertError(() -> groups.add("room", ""), "empty uid");
        assertError(() -> groups.add("room", null), "empty uid");
        groups.add("room", "a");
        assertError(() -> groups.add("room", "a"), "member already exists in group");
        assertThat(groups.members("room")).containsExactly("a");
    }

    @Test
    void removeChecksTheGroupAndTheMember() {
        assertError(() -> groups.remove("room", "a"), "group not found");
        groups.create("room");
        assertError(() -> groups.remove("room", "a"), "member not found in the group");
        groups.add("room", "a");
        groups.add("room", "b");
        groups.remove("room", "a");
        assertThat(groups.members("room")).containsExactly("b");
        assertError(() -> groups.remove("room", "a"), "member not found in the group");
    }

    @Test
    void membersContainsAndCount() {
        groups.create("room");
        groups.add("room", "c");
        groups.add("room", "a");
        groups.add("room", "b");

        assertThat(groups.members("room")).containsExactly("c", "a", "b");
        assertThat(groups.contains("room", "a")).isTrue();
        assertThat(groups.contains("room", "z")).isFalse();
        assertError(() -> groups.contains("missing", "a"), "group not found");
        assertError(() -> groups.contains("room", ""), "empty uid");
        assertError(() -> groups.contains("room", null), "empty uid");
        assertThat(groups.count("room")).isEqualTo(3);

        var copy = groups.members("room");
        copy.clear();
        assertThat(groups.count("room")).as("members() is a copy").isEqualTo(3);

        assertError(() -> groups.members("missing"), "group not found");
        assertError(() -> groups.count("missing"), "group not found");
    }

    @Test
    void removeAllKeepsTheGroupAndDeleteDropsIt() {
        groups.create("room");
        groups.add("room", "a");
        groups.add("room", "b");

        groups.removeAll("room");
        assertThat(groups.count("room")).isZero();
        assertThat(groups.members("room")).isEmpty();
        groups.add("room", "a");
        assertError(() -> groups.removeAll("missing"), "group not found");

        groups.delete("room");
        assertError(() -> groups.members("room"), "group not found");
        assertError(() -> groups.contains("room", "a"), "group not found");
        assertError(() -> groups.delete("room"), "group not found");
        groups.create("room");
        assertThat(groups.count("room")).as("a re-created group starts empty").isZero();
    }

    @Test
    void concurrentAddsAreAllKept() throws InterruptedException {
        groups.create("room");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int t = 0; t < 4; t++) {
                int thread = t;
                pool.execute(() -> {
                    for (int i = 0; i < 500; i++) {
                        groups.add("room", thread + "-" + i);
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(groups.count("room")).isEqualTo(2_000);
    }

    @Test
    void broadcastReachesOnlyBoundMembersConnectedHereAndSerializesOnce() {
        TestClient a = server.connect().ready();
        TestClient b = server.connect().ready();
        TestClient notMember = server.connect().ready();
        TestClient unbound = server.connect().ready();
        TestClient gone = server.connect().ready();
        a.session().bind("a");
        b.session().bind("b");
        notMember.session().bind("c");
        gone.session().bind("gone");
        groups.create("room");
        groups.add("room", "a");
        groups.add("room", "b");
        groups.add("room", "gone");
        groups.add("room", "elsewhere"); // a uid with no session on this server
        gone.session().close();
        int before = serializer.marshals.get();

        List<String> failed = groups.broadcast("room", "onMessage", Map.of("content", "hi"));

        assertThat(failed).as("members not reached").containsExactly("gone", "elsewhere");
        assertThat(serializer.marshals.get() - before).as("serializations").isEqualTo(1);
        for (TestClient member : new TestClient[]{a, b}) {
            Message m = member.nextMessage();
            assertThat(m.type()).isEqualTo(MessageType.PUSH);
            assertThat(m.route()).isEqualTo("onMessage");
            assertThat(Hex.text(m.data())).isEqualTo("{\"content\":\"hi\"}");
            member.connection().assertNothingMoreWritten();
        }
        notMember.connection().assertNothingMoreWritten();
        unbound.connection().assertNothingMoreWritten();
        gone.connection().assertNothingMoreWritten();
    }

    @Test
    void broadcastOnAFrontendTypeStandaloneReachesTheSessionsHereAndSerializesOnce() {
        TestClient a = server.connect().ready();
        TestClient b = server.connect().ready();
        a.session().bind("a");
        b.session().bind("b");
        groups.create("room");
        groups.add("room", "a");
        groups.add("room", "b");
        groups.add("room", "elsewhere");
        int before = serializer.marshals.get();

        List<String> failed = groups.broadcast("connector", "room", "onMessage", Map.of("content", "hi"));

        assertThat(failed).as("standalone: no other server to send to").containsExactly("elsewhere");
        assertThat(serializer.marshals.get() - before).as("serializations").isEqualTo(1);
        for (TestClient member : new TestClient[]{a, b}) {
            Message m = member.nextMessage();
            assertThat(m.route()).isEqualTo("onMessage");
            assertThat(Hex.text(m.data())).isEqualTo("{\"content\":\"hi\"}");
        }
        assertError(() -> groups.broadcast("connector", "missing", "r", "x"), "group not found");
        assertThatThrownBy(() -> groups.broadcast(" ", "room", "r", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void broadcastOfBytesIsNotSerialized() {
        TestClient a = server.connect().ready();
        a.session().bind("a");
        groups.create("room");
        groups.add("room", "a");
        int before = serializer.marshals.get();

        assertThat(groups.broadcast("room", "bin", new byte[]{9, 8})).isEmpty();

        assertThat(serializer.marshals.get()).isEqualTo(before);
        assertThat(a.nextMessage().data()).containsExactly(9, 8);
    }

    @Test
    void broadcastToAMissingGroupFails() {
        assertError(() -> groups.broadcast("missing", "r", "x"), "group not found");
    }
}
