package io.pitaya.core.group;

import io.pitaya.api.PitayaException;
import io.pitaya.core.serialize.JsonSerializer;
import io.pitaya.core.testing.TestServer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Groups with a TTL (Pitaya's GroupCreateWithTTL / GroupRenewTTL and the memory janitor). */
class MemoryGroupsTtlTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final TestServer server = TestServer.start();
    private final MemoryGroups groups = new MemoryGroups(server.sessions(), new JsonSerializer(), now::get);

    @AfterEach
    void stop() {
        groups.stopJanitor();
        server.close();
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    private static void assertError(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(PitayaException.class).hasMessage(message)
                .satisfies(e -> assertThat(((PitayaException) e).code()).isEqualTo("PIT-000"));
    }

    @Test
    void aGroupExpiresOnlyOnceItsTtlHasPassedSinceCreation() {
        groups.createWithTTL("match", Duration.ofSeconds(10));
        groups.add("match", "a");

        advance(Duration.ofSeconds(10));
        assertThat(groups.expire()).as("exactly ttl: not yet (expired means more than ttl)").isEmpty();
        assertThat(groups.members("match")).containsExactly("a");

        advance(Duration.ofNanos(1));
        assertThat(groups.expire()).containsExactly("match");
        assertError(() -> groups.members("match"), "group not found");
        assertError(() -> groups.add("match", "b"), "group not found");
        assertError(() -> groups.renewTTL("match"), "group not found");
        groups.create("match"); // the name is free again
        assertThat(groups.count("match")).isZero();
    }

    @Test
    void renewRestartsTheTtl() {
        groups.createWithTTL("match", Duration.ofSeconds(10));
        advance(Duration.ofSeconds(8));
        groups.renewTTL("match");
        advance(Duration.ofSeconds(8));
        assertThat(groups.expire()).isEmpty();
        advance(Duration.ofSeconds(3));
        assertThat(groups.expire()).containsExactly("match");
    }

    @Test
    void groupsWithoutTtlNeverExpireAndCannotBeRenewed() {
        groups.create("lobby");
        groups.createIfAbsent("hall");
        advance(Duration.ofDays(365));
        assertThat(groups.expire()).isEmpty();
        assertError(() -> groups.renewTTL("lobby"), "memory group TTL not found");
        assertError(() -> groups.renewTTL("missing"), "group not found");
    }

    @Test
    void createWithTtlRefusesAnExistingGroupAndANonPositiveTtl() {
        groups.create("room");
        assertError(() -> groups.createWithTTL("room", Duration.ofSeconds(1)), "group already exists");
        groups.createWithTTL("match", Duration.ofSeconds(1));
        assertError(() -> groups.createWithTTL("match", Duration.ofSeconds(1)), "group already exists");
        assertError(() -> groups.create("match"), "group already exists");
        assertThatThrownBy(() -> groups.createWithTTL("x", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> groups.createWithTTL("x", Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExpiredGroupStaysUsableUntilTheJanitorRuns() {
        // as in Pitaya: expiry happens on janitor ticks, so a group lives between ttl and ttl + tick
        groups.createWithTTL("match", Duration.ofSeconds(1));
        advance(Duration.ofSeconds(5));
        groups.add("match", "a");
        assertThat(groups.contains("match", "a")).isTrue();
        assertThat(groups.expire()).containsExactly("match");
        assertError(() -> groups.contains("match", "a"), "group not found");
    }

    private static boolean exists(MemoryGroups groups, String name) {
        try {
            groups.count(name);
            return true;
        } catch (PitayaException notFound) {
            return false;
        }
    }

    @Test
    void theJanitorDeletesExpiredGroupsEveryTick() throws Exception {
        MemoryGroups real = new MemoryGroups(server.sessions(), new JsonSerializer());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            real.startJanitor(scheduler, Duration.ofMillis(20));
            assertThatThrownBy(() -> real.startJanitor(scheduler, Duration.ofMillis(20))).isInstanceOf(IllegalStateException.class);
            real.createWithTTL("short", Duration.ofMillis(50));
            real.createWithTTL("renewed", Duration.ofMillis(300));
            real.create("forever");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline && exists(real, "short")) {
                Thread.sleep(10);
                real.renewTTL("renewed"); // kept alive by renewals far longer than its TTL
            }
            assertThat(exists(real, "short")).as("deleted by the janitor").isFalse();
            assertThat(exists(real, "renewed")).isTrue();
            assertThat(exists(real, "forever")).isTrue();

            real.stopJanitor();
            real.stopJanitor(); // harmless
        } finally {
            real.stopJanitor();
            scheduler.shutdownNow();
        }
    }
}
