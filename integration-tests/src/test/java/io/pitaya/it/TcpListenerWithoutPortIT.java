package io.pitaya.it;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** An additional TCP listener without its port fails the deployment naming the missing key; nothing listens. */
@ExtendWith(ArquillianExtension.class)
class TcpListenerWithoutPortIT {

    private static final String EAR = "listener-without-port";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = EAR, managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return TcpListenersIT.ear("pitaya.acceptor.tcp.port=3251\n"
                + "pitaya.acceptor.tcp.listeners=tls\n"
                + "pitaya.acceptor.tcp.listener.tls.host=127.0.0.1\n");
    }

    @Test
    void aListenerWithoutPortFailsTheDeploymentNamingTheKey() throws Exception {
        try {
            TestServer.current().assertDeploymentFails(() -> deployer.deploy(EAR),
                    "pitaya.acceptor.tcp.listener.tls.port is required");
        } finally {
            InvalidDictionaryIT.undeployQuietly(deployer, EAR);
        }
        assertThat(TcpListenersIT.portOpen(3251)).as("the primary listener was not opened").isFalse();
    }
}
