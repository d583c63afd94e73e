package io.pitaya.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client written by others: NetEase's pomelo-protocol codec (npm), over the ws package and over plain TCP, drives
 * the server through handshake, request, push, notify, heartbeat and kick (interop/pomelo-js/interop.mjs).
 */
@ExtendWith(ArquillianExtension.class)
class PomeloInteropIT {

    private static final File DIR = new File(System.getProperty("interop.dir", "../interop/pomelo-js"));

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.earWithTestApp();
    }

    @BeforeAll
    static void installTheThirdPartyCodec() throws Exception {
        if (!new File(DIR, "node_modules/pomelo-protocol").isDirectory()) {
            Result npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 180);
            assertThat(npm.exit).as("npm ci\n" + npm.output).isZero();
        }
    }

    @Test
    void pomeloStyleHandshakeChatAndKick() throws Exception {
        Result r = run(List.of("node", "interop.mjs", Deployments.WS.toString(), "--kick"), 30);
        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.output).contains("OK: handshake, ack, room.join, onMembers, room.message -> onMessage, heartbeat, kick, close");
    }

    @Test
    void overPlainTcpToo() throws Exception {
        Result r = run(List.of("node", "interop.mjs", Deployments.TCP.toString(), "--pitaya-sys", "--kick"), 30);
        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.output).contains("kick, close");
    }

    @Test
    void pitayaStyleHandshakeChat() throws Exception {
        Result r = run(List.of("node", "interop.mjs", Deployments.WS.toString(), "--pitaya-sys"), 30);
        assertThat(r.exit).as(r.output).isZero();
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).directory(DIR).redirectErrorStream(true).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "timed out: " + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
