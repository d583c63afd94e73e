package io.pitaya.it;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binary module in WildFly: the configured program starts with the application, its output reaches the server
 * log, and undeploying the application terminates it and its children.
 */
@ExtendWith(ArquillianExtension.class)
class BinaryModuleIT {

    private static final String EAR = "binary";
    private static final String MARKER = "pitaya-it-binary-" + UUID.randomUUID();

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = EAR, managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return PipelineDeployments.earWithPipelineApp(
                "pitaya.modules.binary.command=sh",
                // sh -c SCRIPT NAME: the marker becomes $0, an argument we can find the process by
                "pitaya.modules.binary.args=-c,echo started $0; echo complaint >&2; sleep 600," + MARKER,
                "pitaya.modules.binary.shutdowntimeout=5s");
    }

    @Test
    void theProgramRunsWithTheApplicationAndStopsWithIt() throws Exception {
        deployer.deploy(EAR);
        ProcessHandle program;
        List<ProcessHandle> children;
        try {
            program = awaitProcess();
            children = program.descendants().toList();
            assertThat(children).as("sh runs sleep as its child").isNotEmpty();
            String prefix = "[sh pid " + program.pid() + "] ";
            awaitServerLog(prefix + "started " + MARKER);
            awaitServerLog(prefix + "complaint");
        } finally {
            deployer.undeploy(EAR);
        }
        assertThat(program.isAlive()).as("the program is gone after undeploy").isFalse();
        assertThat(children).as("and so are its children").noneMatch(ProcessHandle::isAlive);
        assertThat(findProcess()).isEmpty();
    }

    private static Optional<ProcessHandle> findProcess() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(MARKER)).orElse(false))
                .findFirst();
    }

    private static ProcessHandle awaitProcess() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            Optional<ProcessHandle> found = findProcess();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no process with argument " + MARKER);
    }

    private static void awaitServerLog(String text) throws Exception {
        Path log = TestServer.current().serverLog();
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(log) && new String(Files.readAllBytes(log), StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("server.log has no line with '" + text + "'");
    }
}
