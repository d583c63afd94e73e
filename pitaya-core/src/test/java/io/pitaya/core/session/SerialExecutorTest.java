package io.pitaya.core.session;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SerialExecutorTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void runsTasksInSubmissionOrderOneAtATime() throws InterruptedException {
        SerialExecutor serial = new SerialExecutor(pool);
        int n = 5_000;
        List<Integer> ran = new ArrayList<>(); // deliberately unsynchronized: the executor must provide ordering
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(n);

        for (int i = 0; i < n; i++) {
            int task = i;
            serial.execute(() -> {
                if (inside.incrementAndGet() != 1) {
                    overlaps.incrementAndGet();
                }
                ran.add(task);
                inside.decrementAndGet();
                done.countDown();
            });
        }

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(overlaps).hasValue(0);
        synchronized (ran) {
            assertThat(ran).hasSize(n);
            for (int i = 0; i < n; i++) {
                assertThat(ran.get(i)).isEqualTo(i);
            }
        }
    }

    @Test
    void concurrentSubmittersKeepTheirOwnOrder() throws InterruptedException {
        SerialExecutor serial = new SerialExecutor(pool);
        int submitters = 4;
        int each = 2_000;
        List<int[]> ran = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(submitters * each);
        ExecutorService producers = Executors.newFixedThreadPool(submitters);
        try {
            for (int s = 0; s < submitters; s++) {
                int submitter = s;
                producers.execute(() -> {
                    for (int i = 0; i < each; i++) {
                        int task = i;
                        serial.execute(() -> {
                            if (inside.incrementAndGet() != 1) {
                                overlaps.incrementAndGet();
                            }
                            ran.add(new int[]{submitter, task});
                            inside.decrementAndGet();
                            done.countDown();
                        });
                    }
                });
            }
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            producers.shutdownNow();
        }
        assertThat(overlaps).hasValue(0);
        int[] next = new int[submitters];
        for (int[] entry : ran) {
            assertThat(entry[1]).isEqualTo(next[entry[0]]++);
        }
    }

    @Test
    void aFailingTaskDoesNotStopTheOnesAfterIt() throws InterruptedException {
        SerialExecutor serial = new SerialExecutor(pool);
        CountDownLatch done = new CountDownLatch(1);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        serial.execute(() -> {
            throw new IllegalStateException("task failure (expected by the test)");
        });
        serial.execute(() -> {
            throw new AssertionError("task error (expected by the test)");
        });
        serial.execute(() -> {
            ran.add("after");
            done.countDown();
        });
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactly("after");
    }

    @Test
    void aBusySessionYieldsItsThreadEvery64Tasks() throws InterruptedException {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch gate = new CountDownLatch(1);
            single.execute(() -> {
                try {
                    gate.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            SerialExecutor busy = new SerialExecutor(single);
            SerialExecutor other = new SerialExecutor(single);
            List<String> ran = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(201);
            for (int i = 0; i < 200; i++) {
                busy.execute(() -> {
                    ran.add("busy");
                    done.countDown();
                });
            }
            other.execute(() -> {
                ran.add("other");
                done.countDown();
            });

            gate.countDown();

            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(ran.indexOf("other")).isEqualTo(64);
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    void aRejectedTaskIsNeverRun() throws InterruptedException {
        AtomicBoolean reject = new AtomicBoolean(true);
        Executor flaky = task -> {
            if (reject.get()) {
                throw new RejectedExecutionException("saturated");
            }
            pool.execute(task);
        };
        SerialExecutor serial = new SerialExecutor(flaky);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());

        assertThatThrownBy(() -> serial.execute(() -> ran.add("rejected")))
                .isInstanceOf(RejectedExecutionException.class);

        reject.set(false);
        CountDownLatch done = new CountDownLatch(1);
        serial.execute(() -> {
            ran.add("accepted");
            done.countDown();
        });
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactly("accepted");
    }

    @Test
    void directExecutorRunsInline() {
        SerialExecutor serial = new SerialExecutor(Runnable::run);
        List<String> ran = new ArrayList<>();
        serial.execute(() -> {
            ran.add("outer");
            serial.execute(() -> ran.add("nested"));
            ran.add("outer done");
        });
        assertThat(ran).containsExactly("outer", "outer done", "nested");
    }
}
