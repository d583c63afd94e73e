package io.pitaya.it;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Undeploying the EAR closes TCP clients (close callbacks run) and releases the port; deploying again rebinds it. */
@ExtendWith(ArquillianExtension.class)
class TcpRedeployIT {

    private static final String EAR = "pitaya";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = EAR, managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.earWithTestApp();
    }

    @Test
    void redeployRebindsThePort() throws Exception {
        deployer.deploy(EAR);
        try (Clients.Recorded client = awaitClient()) {
            assertThat(client.client.request("testsvc.testrequestreturnsptr", Map.of("msg", "1")).get(5, TimeUnit.SECONDS).isError()).isFalse();
            deployer.undeploy(EAR);
            assertThat(client.closed.get(10, TimeUnit.SECONDS)).isNotNull();
        }
        assertThat(portOpen()).as("port released after undeploy").isFalse();

        deployer.deploy(EAR);
        try (Clients.Recorded client = awaitClient()) {
            assertThat(client.client.request("testsvc.testrequestreturnsptr", Map.of("msg", "2")).get(5, TimeUnit.SECONDS).dataAsString())
                    .contains("hello 2");
        } finally {
            deployer.undeploy(EAR);
        }
    }

    /** The adapter opens the port right after activation; give it a moment. */
    private static Clients.Recorded awaitClient() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try {
                return Clients.connect(Deployments.TCP);
            } catch (RuntimeException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static boolean portOpen() {
        try (Socket ignored = new Socket(Deployments.TCP.getHost(), Deployments.TCP.getPort())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
