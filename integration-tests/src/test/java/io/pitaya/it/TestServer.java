package io.pitaya.it;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server the tests run on (WildFly, or Payara with the integration-tests module's {@code payara} profile) and the
 * few things that differ between them as tests see them: where the server log is, how container-managed threads are
 * named, how much of a failed deployment's cause reaches the deployer.
 */
enum TestServer {

    WILDFLY("EE-ManagedThreadFactory"),
    PAYARA("concurrent/__defaultManagedThreadFactory");

    private final String managedThreadPrefix;

    TestServer(String managedThreadPrefix) {
        this.managedThreadPrefix = managedThreadPrefix;
    }

    /** The server of this run: {@code -Darquillian.launch=payara} selects Payara's container. */
    static TestServer current() {
        return "payara".equals(System.getProperty("arquillian.launch")) ? PAYARA : WILDFLY;
    }

    /** How the names of the threads from the server's default {@code ManagedThreadFactory} begin. */
    String managedThreadPrefix() {
        return managedThreadPrefix;
    }

    /** The server's log file, where the application's {@code java.util.logging} output goes. */
    Path serverLog() {
        return switch (this) {
            case WILDFLY -> Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
            case PAYARA -> Path.of(System.getProperty("payara.home"), "glassfish", "domains", "domain1", "logs", "server.log");
        };
    }

    /** The current end of the server log, to read what is written after it with {@link #serverLogSince}. */
    long serverLogMark() throws IOException {
        Path log = serverLog();
        return Files.exists(log) ? Files.size(log) : 0;
    }

    /** What the server logged after {@code mark} (all of the log if it was rotated since). */
    String serverLogSince(long mark) throws IOException {
        Path log = serverLog();
        if (!Files.exists(log)) {
            return "";
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long from = file.length() < mark ? 0 : mark;
            byte[] text = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(text);
            return new String(text, StandardCharsets.UTF_8);
        }
    }

    /**
     * Asserts that {@code deploy} fails and that the failure names {@code reason}. WildFly hands the cause to the
     * deployer; Payara answers a generic "EJB Container initialization error" when a bean's start fails and logs the
     * cause, so there the reason must be in what the server logged during the deployment.
     */
    void assertDeploymentFails(ThrowingCallable deploy, String reason) throws IOException {
        long mark = serverLogMark();
        switch (this) {
            case WILDFLY -> assertThatThrownBy(deploy).hasStackTraceContaining(reason);
            case PAYARA -> {
                assertThatThrownBy(deploy).hasStackTraceContaining("While Deploying Application");
                assertThat(serverLogSince(mark)).as("what Payara logged while deploying").contains(reason);
            }
        }
    }
}
