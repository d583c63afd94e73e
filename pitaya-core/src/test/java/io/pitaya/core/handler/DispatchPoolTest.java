package io.pitaya.core.handler;

import io.pitaya.api.Handler;
import io.pitaya.api.Session;
import io.pitaya.core.config.MapConfig;
import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The handler pool: exactly {@code pitaya.concurrency.handler.dispatch} threads from the given factory; a slow handler
 * holds one thread and delays only its own session; once all threads are blocked, further work waits for one.
 */
class DispatchPoolTest {

    /** Counts the threads it makes, like the container's ManagedThreadFactory would hand them out. */
    static final class CountingFactory implements ThreadFactory {
        final AtomicInteger made = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "dispatch-test-" + made.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    @Handler("pool")
    public static class PoolSvc {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger holding = new AtomicInteger();
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        /** Blocks its thread until the test releases it. */
        public String hold() throws InterruptedException {
            holding.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            return release.await(10, TimeUnit.SECONDS) ? "released" : "timed out";
        }

        public String ping(Session session) {
            threads.add(Thread.currentThread().getName());
            return "pong " + session.id();
        }
    }

    private final CountingFactory factory = new CountingFactory();
    private final PoolSvc svc = new PoolSvc();
    private DispatchPool pool;
    private TestServer server;

    @AfterEach
    void stop() {
        svc.release.countDown();
        if (server != null) {
            server.close();
        }
        if (pool != null) {
            pool.shutdown(Duration.ofSeconds(1));
        }
    }

    private TestServer serverOn(DispatchPool pool) {
        server = TestServer.builder().handler(svc).executor(pool).start();
        return server;
    }

    @Test
    void theConfiguredNumberOfThreadsIsMadeAtOnceAndNeverMore() throws Exception {
        pool = DispatchPool.create(MapConfig.of(DispatchPool.DISPATCH_THREADS, "3"), factory);
        assertThat(pool.size()).isEqualTo(3);
        assertThat(factory.made).hasValue(3);

        CountDownLatch done = new CountDownLatch(200);
        Set<String> names = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 200; i++) {
            pool.execute(() -> {
                names.add(Thread.currentThread().getName());
                done.countDown();
            });
        }
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(factory.made).hasValue(3);
        assertThat(names).hasSizeLessThanOrEqualTo(3).allMatch(n -> n.startsWith("dispatch-test-"));
    }

    @Test
    void defaultIsPitayas25Threads() {
        pool = DispatchPool.create(MapConfig.of(), factory);
        assertThat(pool.size()).isEqualTo(25);
        assertThat(factory.made).hasValue(25);
        assertThatThrownBy(() -> new DispatchPool(0, factory)).hasMessageContaining(DispatchPool.DISPATCH_THREADS);
        assertThatThrownBy(() -> DispatchPool.create(MapConfig.of(DispatchPool.DISPATCH_THREADS, "many"), factory))
                .hasMessageContaining(DispatchPool.DISPATCH_THREADS);
    }

    @Test
    void withTwoThreadsTwoBlockedSessionsMakeAThirdSessionWaitForAThread() throws Exception {
        pool = new DispatchPool(2, factory);
        serverOn(pool);
        TestClient a = server.connect().ready();
        TestClient b = server.connect().ready();
        TestClient c = server.connect().ready();

        a.request(1, "pool.hold", "{}");
        b.request(1, "pool.hold", "{}");
        awaitHolding(2);
        c.request(1, "pool.ping", "{}");
        Thread.sleep(300);
        assertThat(c.connection().unread()).as("the third session waits: both threads are blocked").isZero();
        assertThat(pool.queued()).isEqualTo(1);

        svc.release.countDown();
        assertThat(c.response(1)).isEqualTo("\"pong " + c.id() + "\"");
        assertThat(a.response(1)).isEqualTo("\"released\"");
        assertThat(b.response(1)).isEqualTo("\"released\"");
        assertThat(factory.made).hasValue(2);
        assertThat(svc.threads).hasSize(2);
    }

    @Test
    void oneSlowHandlerDoesNotDelayManyOtherSessions() throws Exception {
        pool = new DispatchPool(4, factory);
        serverOn(pool);
        TestClient slow = server.connect().ready();
        slow.request(1, "pool.hold", "{}");
        awaitHolding(1);
        // the slow session's next message queues behind its own slow handler, and only there
        slow.request(2, "pool.ping", "{}");

        List<TestClient> others = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            others.add(server.connect().ready());
        }
        long start = System.nanoTime();
        for (int round = 1; round <= 5; round++) {
            for (TestClient other : others) {
                other.request(round, "pool.ping", "{}");
            }
            for (TestClient other : others) {
                assertThat(other.response(round)).isEqualTo("\"pong " + other.id() + "\"");
            }
        }
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(elapsedMs).as("150 requests of 30 sessions beside a blocked one").isLessThan(3000);
        assertThat(slow.connection().unread()).as("the slow session is still blocked").isZero();

        svc.release.countDown();
        assertThat(slow.response(1)).isEqualTo("\"released\"");
        assertThat(slow.response(2)).isEqualTo("\"pong " + slow.id() + "\"");
        assertThat(factory.made).hasValue(4);
    }

    @Test
    void shutdownLetsQueuedWorkFinishThenInterruptsAndRefuses() throws Exception {
        pool = new DispatchPool(1, factory);
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        pool.execute(ran::incrementAndGet);
        pool.execute(() -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        long start = System.nanoTime();
        pool.shutdown(Duration.ofMillis(200));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
        assertThat(ran).hasValue(1);
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> pool.execute(ran::incrementAndGet)).isInstanceOf(RejectedExecutionException.class);
    }

    private void awaitHolding(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (svc.holding.get() < n) {
            assertThat(System.nanoTime()).as("%d handlers holding a thread", n).isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
