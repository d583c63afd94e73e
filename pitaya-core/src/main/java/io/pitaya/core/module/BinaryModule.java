package io.pitaya.core.module;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pitaya's Binary module: runs a program beside the server for as long as the server runs. Its standard output goes
 * to the server log line by line at INFO, its standard error at WARNING (logger {@code io.pitaya.core.module.BinaryModule},
 * each line prefixed with the program's name and pid); its standard input is closed. If it exits while the server
 * runs, that is logged at SEVERE (it is not restarted). On stop it and its child processes get SIGTERM, and whatever
 * still runs after the shutdown timeout is killed.
 */
public final class BinaryModule implements PitayaModule {

    private static final Logger LOG = Logger.getLogger(BinaryModule.class.getName());
    private static final Duration READER_GRACE = Duration.ofSeconds(2);

    private final BinaryModuleConfig config;
    private final ThreadFactory threads;
    private final List<Thread> readers = new ArrayList<>();
    private volatile Process process;
    private volatile boolean stopping;
    private String tag;

    public BinaryModule(BinaryModuleConfig config, ThreadFactory threads) {
        this.config = config;
        this.threads = threads;
    }

    @Override
    public String name() {
        return "binary";
    }

    /** The running program's process, or null before start. */
    public Process process() {
        return process;
    }

    @Override
    public synchronized void start() throws IOException {
        if (process != null) {
            throw new IllegalStateException("already started");
        }
        List<String> commandLine = config.commandLine();
        ProcessBuilder builder = new ProcessBuilder(commandLine);
        if (config.directory() != null) {
            builder.directory(config.directory().toFile());
        }
        Process p;
        // The JDK's shared "process reaper" thread is created by the first start() and inherits the caller's context
        // class loader: without this it would keep the deployment's class loader after undeploy.
        Thread caller = Thread.currentThread();
        ClassLoader contextLoader = caller.getContextClassLoader();
        caller.setContextClassLoader(null);
        try {
            p = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + commandLine
                    + (config.directory() != null ? " in " + config.directory() : "") + ": " + e.getMessage(), e);
        } finally {
            caller.setContextClassLoader(contextLoader);
        }
        process = p;
        tag = shortName(config.command()) + " pid " + p.pid();
        LOG.info(() -> "binary module started " + commandLine + " (pid " + p.pid() + ")");
        closeQuietly(p.getOutputStream()); // like Go's exec with no stdin: the program reads end-of-file
        readers.add(pipe(p.getInputStream(), Level.INFO, "stdout"));
        readers.add(pipe(p.getErrorStream(), Level.WARNING, "stderr"));
        p.onExit().thenAccept(this::exited);
    }

    private Thread pipe(InputStream stream, Level level, String name) {
        String prefix = "[" + tag + "] ";
        Thread thread = threads.newThread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    LOG.log(level, prefix + line);
                }
            } catch (IOException e) {
                LOG.log(Level.FINE, prefix + name + " closed", e);
            }
        });
        if (thread == null) {
            throw new IllegalStateException("no thread for the binary module's " + name + " (the thread factory refused)");
        }
        thread.setName("pitaya-binary-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void exited(Process p) {
        if (stopping) {
            LOG.info(() -> "binary module: [" + tag + "] stopped, exit code " + p.exitValue());
        } else {
            LOG.severe(() -> "binary module: [" + tag + "] " + config.commandLine() + " exited early with code "
                    + p.exitValue() + " while the server runs; it is not restarted");
        }
    }

    @Override
    public void stop() {
        Process p;
        synchronized (this) {
            stopping = true;
            p = process;
        }
        if (p == null) {
            return;
        }
        if (p.isAlive()) {
            terminate(p);
        }
        for (Thread reader : readers) {
            try {
                reader.join(READER_GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** SIGTERM to the program and its children, then SIGKILL to whatever is left after the timeout. */
    private void terminate(Process p) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(p.toHandle());
        p.descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        List<ProcessHandle> alive = new ArrayList<>();
        for (ProcessHandle handle : tree) {
            if (!awaitExit(handle, deadline)) {
                alive.add(handle);
            }
        }
        if (!alive.isEmpty()) {
            LOG.warning(() -> "binary module: [" + tag + "] still running " + config.shutdownTimeout().toMillis()
                    + " ms after SIGTERM: killing " + alive.stream().map(ProcessHandle::pid).toList());
            alive.forEach(ProcessHandle::destroyForcibly);
            long killDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            alive.forEach(handle -> awaitExit(handle, killDeadline));
        }
    }

    private static boolean awaitExit(ProcessHandle handle, long deadlineNanos) {
        try {
            handle.onExit().get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        } catch (Exception e) {
            return !handle.isAlive();
        }
    }

    private static String shortName(String command) {
        int slash = Math.max(command.lastIndexOf('/'), command.lastIndexOf('\\'));
        return slash >= 0 ? command.substring(slash + 1) : command;
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // nothing to release
        }
    }
}
