package io.pitaya.cluster.it.support;

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
 * A real server process (nats-server, etcd) on free loopback ports chosen once, so that a restart comes back on
 * the same ports. Its output goes to {@code <dir>/server.log}. Stopped by its pid.
 */
abstract class ExternalProcess {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    private final Path dir;
    private Process process;

    ExternalProcess(Path dir) {
        this.dir = dir;
    }

    /** The command line; {@code dataDir} is empty on the first start and after a restart that wipes it. */
    protected abstract List<String> command(Path dataDir);

    /** True once the server answers. */
    protected abstract boolean ready();

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
                        + dir.resolve("server.log"));
            }
            Thread.sleep(50);
        }
    }

    /** SIGTERM, SIGKILL after 10 s. */
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

    /** Stops, with {@code wipeData} empties the data directory (a server that lost its state), starts again. */
    public void restart(boolean wipeData) throws IOException, InterruptedException {
        stop();
        if (wipeData) {
            try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        start();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
