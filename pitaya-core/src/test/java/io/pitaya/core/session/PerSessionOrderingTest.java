package io.pitaya.core.session;

import io.pitaya.api.Handler;
import io.pitaya.api.Session;
import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** One session's messages run in order and one at a time; sessions do not wait for each other. */
class PerSessionOrderingTest {

    @Handler("seq")
    public static class Seq {
        final Map<Long, List<Integer>> seen = new ConcurrentHashMap<>();
        final Map<Long, AtomicInteger> active = new ConcurrentHashMap<>();
        final AtomicInteger overlaps = new AtomicInteger();
        final AtomicInteger threadsSeen = new AtomicInteger();
        final Map<String, Boolean> threads = new ConcurrentHashMap<>();
        volatile CountDownLatch done;
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch blocked = new CountDownLatch(1);

        public void step(Session session, Map<String, Integer> in) throws InterruptedException {
            AtomicInteger inside = active.computeIfAbsent(session.id(), id -> new AtomicInteger());
            if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            if (threads.putIfAbsent(Thread.currentThread().getName(), true) == null) {
                threadsSeen.incrementAndGet();
            }
            Thread.sleep(ThreadLocalRandom.current().nextInt(4));
            seen.computeIfAbsent(session.id(), id -> Collections.synchronizedList(new ArrayList<>())).add(in.get("n"));
            inside.decrementAndGet();
            done.countDown();
        }

        public String block() throws InterruptedException {
            blocked.countDown();
            return release.await(10, TimeUnit.SECONDS) ? "released" : "timed out";
        }

        public String ping() {
            return "pong";
        }
    }

    private final Seq seq = new Seq();
    private final TestServer server = TestServer.builder().pool(8).handler(seq).start();

    @AfterEach
    void stop() {
        seq.release.countDown();
        server.close();
    }

    @Test
    void notifiesOfOneSessionRunInOrderAndNeverConcurrently() throws InterruptedException {
        int n = 300;
        seq.done = new CountDownLatch(n);
        TestClient client = server.connect().ready();

        for (int i = 0; i < n; i++) {
            client.notify("seq.step", "{\"n\":" + i + "}");
        }

        assertThat(seq.done.await(15, TimeUnit.SECONDS)).as("all notifies handled").isTrue();
        assertThat(seq.overlaps).as("handlers of one session overlapped").hasValue(0);
        assertThat(seq.seen.get(client.id())).containsExactlyElementsOf(IntStream.range(0, n).boxed().toList());
    }

    @Test
    void interleavedSessionsEachKeepTheirOwnOrder() throws InterruptedException {
        int sessions = 6;
        int each = 80;
        seq.done = new CountDownLatch(sessions * each);
        List<TestClient> clients = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            clients.add(server.connect().ready());
        }

        for (int i = 0; i < each; i++) {
            for (TestClient client : clients) {
                client.notify("seq.step", "{\"n\":" + i + "}");
            }
        }

        assertThat(seq.done.await(15, TimeUnit.SECONDS)).as("all notifies handled").isTrue();
        assertThat(seq.overlaps).hasValue(0);
        List<Integer> expected = IntStream.range(0, each).boxed().toList();
        for (TestClient client : clients) {
            assertThat(seq.seen.get(client.id())).as("session %d", client.id()).containsExactlyElementsOf(expected);
        }
        assertThat(seq.threadsSeen.get()).as("work spread over the pool").isGreaterThan(1);
    }

    @Test
    void aBlockedSessionDoesNotDelayOtherSessions() throws InterruptedException {
        TestClient blocked = server.connect().ready();
        TestClient other = server.connect().ready();
        blocked.request(1, "seq.block", "{}");
        blocked.request(2, "seq.ping", "{}");
        assertThat(seq.blocked.await(5, TimeUnit.SECONDS)).isTrue();

        for (int id = 1; id <= 20; id++) {
            other.request(id, "seq.ping", "{}");
            assertThat(other.response(id)).isEqualTo("\"pong\"");
        }

        assertThat(blocked.connection().unread()).as("the blocked session's next request overtook it").isZero();
        seq.release.countDown();
        assertThat(blocked.response(1)).isEqualTo("\"released\"");
        assertThat(blocked.response(2)).isEqualTo("\"pong\"");
    }
}
