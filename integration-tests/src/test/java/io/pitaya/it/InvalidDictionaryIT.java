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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An invalid {@code pitaya.handler.dictionary} fails the deployment, saying what is wrong. */
@ExtendWith(ArquillianExtension.class)
class InvalidDictionaryIT {

    private static final String EAR = "bad-dictionary";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = EAR, managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return SerializerDeployments.invalid("pitaya.handler.dictionary=room.join:1,onMessage:1");
    }

    @Test
    void aDuplicateCodeFailsTheDeployment() {
        long start = System.nanoTime();
        try {
            assertThatThrownBy(() -> deployer.deploy(EAR))
                    // (WildFly escapes the quotes around the routes in its failure description)
                    .hasStackTraceContaining("pitaya.handler.dictionary=room.join:1,onMessage:1 is invalid: code 1 is used by both");
        } finally {
            undeployQuietly(deployer, EAR);
        }
        // rejected while the container validates the deployment: nothing started, nothing to wait for
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(60));
        assertThat(tcpPortOpen()).as("nothing keeps running").isFalse();
    }

    static void undeployQuietly(Deployer deployer, String name) {
        try {
            deployer.undeploy(name);
        } catch (RuntimeException ignored) {
            // a failed deployment is usually rolled back already
        }
    }

    static boolean tcpPortOpen() {
        try (Socket ignored = new Socket(Deployments.TCP.getHost(), Deployments.TCP.getPort())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
