package io.pitaya.cluster.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real server process (nats-server, etcd) for the tests of a class: started once on free loopback ports with a
 * temporary data directory ({@code @RegisterExtension static}), stopped by its pid afterwards. Fault tests stop and
 * start it again on the same ports. Its output goes to {@code server.log} in the data directory. Outside a JUnit
 * class (the WildFly cluster tests), {@link #launch(Path)} starts it in a directory of the caller's.
 */
public abstract class ExternalServer implements BeforeAllCallback, AfterAllCallback {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    private Path dir;
    private Process process;

    /** The command line, for the ports chosen in {@link #choosePorts()}. */
    protected abstract List<String> command(Path dataDir);

    protected abstract void choosePorts();

    /** True once the server answers. */
    protected abstract boolean ready();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        launch(Files.createTempDirectory("pitaya-" + getClass().getSimpleName()));
    }

    /** Chooses the ports and starts the server with its data and log under {@code dir}; stop it with {@link #stop()}. */
    public void launch(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        choosePorts();
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        process = new ProcessBuilder(command(data)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile())).start();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!ready()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(getClass().getSimpleName() + " did not start; see "
                        + dir.resolve("server.log") + ": " + Files.readString(dir.resolve("server.log")));
            }
            Thread.sleep(50);
        }
    }

    /** Stops the process (SIGTERM to its pid, SIGKILL after 10 s). */
    public synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        process = null;
    }

    /** Stops and, with {@code wipeData}, starts again with an empty data directory (a server that lost its state). */
    public void restart(boolean wipeData) throws IOException, InterruptedException {
        stop();
        if (wipeData) {
            try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        start();
    }

    protected static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
