package io.pitaya.it;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An additional TCP listener whose port is taken fails the deployment naming the listener, and the listener bound
 * before it is released.
 */
@ExtendWith(ArquillianExtension.class)
class TcpListenerBusyPortIT {

    private static final String EAR = "listener-on-a-busy-port";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = EAR, managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return TcpListenersIT.ear("pitaya.acceptor.tcp.host=127.0.0.1\n"
                + "pitaya.acceptor.tcp.port=3251\n"
                + "pitaya.acceptor.tcp.listeners=second\n"
                + "pitaya.acceptor.tcp.listener.second.port=3252\n");
    }

    @Test
    void aListenerThatCannotBindFailsTheDeploymentAndReleasesTheOthers() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 3252));
            try {
                TestServer.current().assertDeploymentFails(() -> deployer.deploy(EAR),
                        "TCP listener 'second' on 127.0.0.1:3252: cannot listen");
            } finally {
                InvalidDictionaryIT.undeployQuietly(deployer, EAR);
            }
        }
        assertThat(TcpListenersIT.portOpen(3251)).as("the primary listener, bound first, was released").isFalse();
    }
}
