package io.pitaya.it.hardening;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The WildFly JVM that Arquillian started (a child process of the test JVM), inspected with {@code jcmd} from the
 * same JDK: thread dumps and heap dumps.
 */
public final class ServerJvm {

    private final long pid;

    private ServerJvm(long pid) {
        this.pid = pid;
    }

    /** The managed server: the descendant process running jboss-modules. */
    public static ServerJvm find() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("jboss-modules"))
                .findFirst()
                .map(p -> new ServerJvm(p.pid()))
                .orElseThrow(() -> new IllegalStateException("no WildFly process below this JVM"));
    }

    /** Threads whose stack contains {@code frame} (a class or method name). */
    public long threadsRunning(String frame) throws IOException, InterruptedException {
        long count = 0;
        for (String thread : jcmd("Thread.print").split("\n\n")) {
            if (thread.contains(frame)) {
                count++;
            }
        }
        return count;
    }

    /** Writes the live heap (after a full GC) to {@code file}, for offline analysis of what holds what. */
    public void heapDump(Path file) throws IOException, InterruptedException {
        jcmd("GC.run");
        jcmd("GC.heap_dump", file.toAbsolutePath().toString());
    }

    private String jcmd(String... command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        java.util.List<String> line = new java.util.ArrayList<>(java.util.List.of(jcmd.toString(), Long.toString(pid)));
        line.addAll(java.util.List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
