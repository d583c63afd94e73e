package io.pitaya.cluster.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One provisioned WildFly running one EAR: its own base directory (a fresh copy of the provisioned
 * {@code standalone/} at every start, so a restart after a kill boots clean), a port offset, system properties.
 * Deployments go through the deployment scanner's marker files, so undeploying and redeploying need no
 * management client. Stopped and killed by the JVM's pid.
 */
public final class WildFly {

    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(240);

    private final String name;
    private final Path home;
    private final Path ear;
    private final Path base;
    private final int portOffset;
    private final Map<String, String> properties;
    private Process script;

    public WildFly(String name, Path home, Path ear, Path work, int portOffset, Map<String, String> properties) {
        this.name = name;
        this.home = home;
        this.ear = ear;
        this.base = work.resolve(name);
        this.portOffset = portOffset;
        this.properties = Map.copyOf(properties);
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return 8080 + portOffset;
    }

    /** The management interface (MicroProfile Health at {@code /health}), on loopback. */
    public int managementPort() {
        return 9990 + portOffset;
    }

    public Path log() {
        return base.resolve("log/server.log");
    }

    /** Boots the server with the EAR in its deployment directory; {@link #awaitDeployed()} waits for it. */
    public synchronized void start() throws IOException, InterruptedException {
        if (script != null && script.isAlive()) {
            kill();
        }
        if (base.toFile().exists()) {
            delete(base);
        }
        copy(home.resolve("standalone"), base);
        for (String transientDir : List.of("log", "data", "tmp")) {
            delete(base.resolve(transientDir));
        }
        try (Stream<Path> old = Files.list(base.resolve("deployments"))) {
            old.forEach(WildFly::delete);
        }
        Files.copy(ear, base.resolve("deployments").resolve(ear.getFileName()));
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + portOffset,
                "-b", "127.0.0.1", "-Djava.net.preferIPv4Stack=true"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(base.resolve("console.log").toFile());
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        builder.environment().put("JBOSS_PIDFILE", pidFile().toString());
        // standalone.sh adds the module options; the system packages are standalone.conf's
        builder.environment().put("JAVA_OPTS", "-Xms128m -Xmx768m -Djava.net.preferIPv4Stack=true"
                + " -Djboss.modules.system.pkgs=org.jboss.byteman -Djava.awt.headless=true");
        script = builder.start();
    }

    /** Waits until the EAR is deployed; fails with the log's path when it failed or the server died. */
    public void awaitDeployed() throws InterruptedException {
        Path deployments = base.resolve("deployments");
        String file = ear.getFileName().toString();
        long deadline = System.nanoTime() + DEPLOY_TIMEOUT.toNanos();
        while (!Files.exists(deployments.resolve(file + ".deployed"))) {
            if (Files.exists(deployments.resolve(file + ".failed"))) {
                throw new IllegalStateException(name + ": " + file + " failed to deploy; see " + log());
            }
            if (script == null || !script.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": " + file + " not deployed; see " + log());
            }
            Thread.sleep(200);
        }
    }

    /** Undeploys the EAR (removes its .deployed marker) and waits until the scanner did it. */
    public void undeploy() throws IOException, InterruptedException {
        Path deployments = base.resolve("deployments");
        String file = ear.getFileName().toString();
        Files.delete(deployments.resolve(file + ".deployed"));
        long deadline = System.nanoTime() + DEPLOY_TIMEOUT.toNanos();
        while (!Files.exists(deployments.resolve(file + ".undeployed"))) {
            if (script == null || !script.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": " + file + " not undeployed; see " + log());
            }
            Thread.sleep(100);
        }
    }

    /** Deploys the EAR again after {@link #undeploy()} and waits for it. */
    public void redeploy() throws IOException, InterruptedException {
        Path deployments = base.resolve("deployments");
        String file = ear.getFileName().toString();
        Files.deleteIfExists(deployments.resolve(file + ".undeployed"));
        Files.createFile(deployments.resolve(file + ".dodeploy"));
        awaitDeployed();
    }

    /** SIGKILL to the server's JVM: no shutdown hooks, no undeploy, its etcd lease stays until it expires. */
    public void kill() throws InterruptedException {
        Optional<ProcessHandle> jvm = jvm();
        jvm.ifPresent(ProcessHandle::destroyForcibly);
        jvm.ifPresent(p -> p.onExit().completeOnTimeout(p, 10, TimeUnit.SECONDS).join());
        endScript();
    }

    /** SIGTERM to the server's JVM (a clean shutdown), SIGKILL after 60 s. */
    public void stop() throws InterruptedException {
        Optional<ProcessHandle> jvm = jvm();
        jvm.ifPresent(ProcessHandle::destroy);
        boolean exited = jvm.map(p -> !p.onExit().completeOnTimeout(p, 60, TimeUnit.SECONDS).join().isAlive())
                .orElse(true);
        if (!exited) {
            kill();
            return;
        }
        endScript();
    }

    /**
     * standalone.sh only waits for its JVM; once the JVM is gone, end it if it has not ended by itself (after a
     * SIGKILL of the JVM its wait loop spins: bash keeps answering the dead child's status 137).
     */
    private void endScript() throws InterruptedException {
        if (script != null && !script.waitFor(2, TimeUnit.SECONDS)) {
            script.destroyForcibly().waitFor();
        }
        script = null;
        pidFile().toFile().delete();
    }

    private Optional<ProcessHandle> jvm() {
        try {
            return Files.exists(pidFile())
                    ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile()).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Path pidFile() {
        return base.getParent().resolve(name + ".pid");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void delete(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
