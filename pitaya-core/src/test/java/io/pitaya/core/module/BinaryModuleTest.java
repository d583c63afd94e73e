package io.pitaya.core.module;

import io.pitaya.core.config.MapConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pitaya's Binary module: a child process beside the server, its output in the log, stopped with the server. */
class BinaryModuleTest {

    private static final Logger LOG = Logger.getLogger(BinaryModule.class.getName());

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final AtomicInteger threadsMade = new AtomicInteger();
    private final ThreadFactory threads = r -> {
        threadsMade.incrementAndGet();
        return new Thread(r);
    };
    private final List<BinaryModule> started = new ArrayList<>();
    private Level previousLevel;

    @BeforeEach
    void captureLog() {
        previousLevel = LOG.getLevel();
        LOG.setLevel(Level.ALL);
        LOG.addHandler(capture);
    }

    @AfterEach
    void cleanUp() {
        started.forEach(BinaryModule::stop);
        LOG.removeHandler(capture);
        LOG.setLevel(previousLevel);
    }

    private BinaryModule start(Duration shutdownTimeout, Path dir, String... args) throws IOException {
        BinaryModule module = new BinaryModule(new BinaryModuleConfig("sh", List.of(args), dir, shutdownTimeout), threads);
        started.add(module);
        module.start();
        return module;
    }

    private LogRecord awaitLog(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            for (LogRecord r : records) {
                if (r.getMessage() != null && r.getMessage().contains(text)) {
                    return r;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no log line containing '" + text + "' in " + records.stream().map(LogRecord::getMessage).toList());
    }

    @Test
    void outputIsLoggedLineByLineAndStopTerminatesTheProcessAndItsChildren() throws Exception {
        String marker = "pitaya-binary-test-" + UUID.randomUUID();
        BinaryModule module = start(Duration.ofSeconds(15), null, "-c", "echo started; echo oops >&2; sleep 600", marker);
        Process process = module.process();
        long pid = process.pid();

        LogRecord out = awaitLog("] started");
        assertThat(out.getLevel()).isEqualTo(Level.INFO);
        assertThat(out.getMessage()).isEqualTo("[sh pid " + pid + "] started");
        assertThat(awaitLog("] oops").getLevel()).isEqualTo(Level.WARNING);
        assertThat(threadsMade).as("stdout and stderr readers come from the given factory").hasValue(2);
        assertThat(ProcessHandle.allProcesses().anyMatch(p -> p.info().arguments().map(a -> List.of(a).contains(marker)).orElse(false)))
                .as("the process is findable by its marker argument").isTrue();
        List<ProcessHandle> children = process.descendants().toList();
        assertThat(children).as("sh runs sleep as a child").isNotEmpty();

        long start = System.nanoTime();
        module.stop();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("SIGTERM ends it at once").isLessThan(5000);
        assertThat(process.isAlive()).isFalse();
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        awaitLog("stopped, exit code");
        assertThat(records).noneMatch(r -> r.getLevel() == Level.SEVERE);
    }

    @Test
    void aProgramIgnoringSigtermIsKilledAfterTheShutdownTimeout() throws Exception {
        BinaryModule module = start(Duration.ofMillis(300), null, "-c", "trap '' TERM; echo ready; sleep 600");
        Process process = module.process();
        awaitLog("] ready");
        List<ProcessHandle> children = process.descendants().toList();

        long start = System.nanoTime();
        module.stop();
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(elapsed).isBetween(300L, 5000L);
        assertThat(process.isAlive()).isFalse();
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(awaitLog("after SIGTERM: killing").getLevel()).isEqualTo(Level.WARNING);
    }

    @Test
    void anEarlyExitIsLoggedClearly() throws Exception {
        start(Duration.ofSeconds(1), null, "-c", "echo bye; exit 3");
        LogRecord exit = awaitLog("exited early");
        assertThat(exit.getLevel()).isEqualTo(Level.SEVERE);
        assertThat(exit.getMessage()).contains("[sh, -c, echo bye; exit 3] exited early with code 3").contains("not restarted");
    }

    @Test
    void standardInputIsClosedAndTheWorkingDirectoryIsUsed(@TempDir Path dir) throws Exception {
        start(Duration.ofSeconds(1), dir, "-c", "cat; echo \"eof in $(pwd)\"");
        awaitLog("eof in " + dir.toRealPath());
    }

    @Test
    void aProgramThatCannotStartFailsTheModulesWithItsCommandLine() {
        Modules modules = new Modules(List.of(new BinaryModule(
                new BinaryModuleConfig("/nonexistent/pitaya-binary", List.of("x"), null, Duration.ofSeconds(1)), threads)));
        assertThatThrownBy(modules::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("module binary failed to start")
                .hasMessageContaining("cannot run [/nonexistent/pitaya-binary, x]");
        modules.stop();
    }

    @Test
    void configuredFromPitayaKeysAndAbsentWithoutACommand(@TempDir Path dir) {
        assertThat(BinaryModuleConfig.from(MapConfig.of())).isEmpty();
        assertThat(Modules.from(MapConfig.of(), threads).all()).isEmpty();

        BinaryModuleConfig config = BinaryModuleConfig.from(MapConfig.of(
                BinaryModuleConfig.COMMAND, "sh",
                BinaryModuleConfig.ARGS, "-c,echo a\\,b; sleep 1",
                BinaryModuleConfig.DIRECTORY, dir.toString(),
                BinaryModuleConfig.SHUTDOWN_TIMEOUT, "2s")).orElseThrow();
        assertThat(config.commandLine()).containsExactly("sh", "-c", "echo a,b; sleep 1");
        assertThat(config.directory()).isEqualTo(dir);
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(BinaryModuleConfig.from(MapConfig.of(BinaryModuleConfig.COMMAND, "x")).orElseThrow().shutdownTimeout())
                .as("Pitaya's default").isEqualTo(Duration.ofSeconds(15));
        assertThat(Modules.from(MapConfig.of(BinaryModuleConfig.COMMAND, "x"), threads).all())
                .singleElement().extracting(PitayaModule::name).isEqualTo("binary");
    }

    @Test
    void modulesStopInReverseOrderAndAFailedStartStopsTheOnesStarted() {
        List<String> trace = new CopyOnWriteArrayList<>();
        PitayaModule a = module("a", trace, false);
        PitayaModule b = module("b", trace, false);
        Modules ok = new Modules(List.of(a, b));
        ok.start();
        ok.stop();
        assertThat(trace).containsExactly("start a", "start b", "stop b", "stop a");

        trace.clear();
        Modules failing = new Modules(List.of(a, module("bad", trace, true), b));
        assertThatThrownBy(failing::start).hasMessageContaining("module bad failed to start: no");
        assertThat(trace).containsExactly("start a", "start bad", "stop bad", "stop a");
    }

    private static PitayaModule module(String name, List<String> trace, boolean fail) {
        return new PitayaModule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() throws Exception {
                trace.add("start " + name);
                if (fail) {
                    throw new Exception("no");
                }
            }

            @Override
            public void stop() {
                trace.add("stop " + name);
            }
        };
    }
}
