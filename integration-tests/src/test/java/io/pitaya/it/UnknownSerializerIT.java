package io.pitaya.it;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code pitaya.serializer} naming neither a built-in nor an application bean fails the deployment. */
@ExtendWith(ArquillianExtension.class)
class UnknownSerializerIT {

    private static final String EAR = "bad-serializer";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = EAR, managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return SerializerDeployments.invalid("pitaya.serializer=msgpack");
    }

    @Test
    void anUnknownNameFailsTheDeployment() {
        long start = System.nanoTime();
        try {
            assertThatThrownBy(() -> deployer.deploy(EAR))
                    .hasStackTraceContaining("pitaya.serializer=msgpack: no such serializer. Known: [json, protobuf]");
        } finally {
            InvalidDictionaryIT.undeployQuietly(deployer, EAR);
        }
        // rejected while the container validates the deployment: nothing started, nothing to wait for
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(60));
    }
}
