package io.pitaya.it;

import io.pitaya.it.hardening.ServerJvm;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Undeploy stops what Pitaya started: after each of several deploy / serve / undeploy cycles (TCP and WebSocket
 * clients, and a peer left holding a half packet) no selector or accept loop and no other thread runs Pitaya code.
 * The module class loaders and PitayaServer instances left after the cycles (heap histogram, which forces a full GC)
 * are logged next to what a plain WAR leaves, for the class-loader question that is still open.
 */
@ExtendWith(ArquillianExtension.class)
class RedeployReleasesIT {

    private static final Logger LOG = Logger.getLogger(RedeployReleasesIT.class.getName());
    private static final String EAR = "pitaya";
    private static final String PLAIN = "plain";
    private static final String LOADER = "org.jboss.modules.ModuleClassLoader";
    private static final int CYCLES = 3;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = EAR, managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.earWithTestApp();
    }

    /** A WAR with nothing in it: what redeploying costs WildFly itself, for comparison. */
    @Deployment(name = PLAIN, managed = false, testable = false)
    static WebArchive plain() {
        return ShrinkWrap.create(WebArchive.class, "plain.war").addAsWebResource(new StringAsset("plain"), "index.html");
    }

    @Test
    void redeployingSeveralTimesLeavesNoPitayaThreadBehind() throws Exception {
        ServerJvm server = ServerJvm.find();
        long baselineGrowth = loaderGrowthOf(server, () -> {
            deployer.deploy(PLAIN);
            deployer.undeploy(PLAIN);
        });
        long loadersBefore = server.liveInstances(LOADER);
        for (int i = 0; i < CYCLES; i++) {
            deployer.deploy(EAR);
            try {
                serveOnce(i);
                assertThat(server.threadsRunning("io.pitaya.jca.tcp.nio.SelectorLoop.run"))
                        .as("selector loops while deployed").isPositive();
            } finally {
                deployer.undeploy(EAR);
            }
            assertThat(server.threadsRunning("io.pitaya.jca.tcp.nio.SelectorLoop.run")).as("selector loops after undeploy").isZero();
            assertThat(server.threadsRunning("io.pitaya.jca.tcp.nio.AcceptLoop.run")).as("accept loops after undeploy").isZero();
            assertThat(server.threadsRunning("io.pitaya.")).as("threads in Pitaya code after undeploy").isZero();
        }
        long growth = server.liveInstances(LOADER) - loadersBefore;
        long servers = server.liveInstances("io.pitaya.core.server.PitayaServer");
        LOG.info(() -> "module class loaders left by " + CYCLES + " redeploys of the EAR: " + growth + "; by "
                + CYCLES + " of a plain WAR: " + baselineGrowth + "; PitayaServer instances " + servers);
        // Diagnostics only, not asserted: the histogram's full GC leaves softly reachable objects, and WildFly keeps
        // a plain WAR's loader too (one per cycle here), so these counts do not yet tell a leak from a soft cache.
        LOG.info(server.classLoaderStats());
    }

    /** Module class loaders left behind by {@value #CYCLES} runs of {@code cycle}. */
    private static long loaderGrowthOf(ServerJvm server, ThrowingRunnable cycle) throws Exception {
        long before = server.liveInstances(LOADER);
        for (int i = 0; i < CYCLES; i++) {
            cycle.run();
        }
        return server.liveInstances(LOADER) - before;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static void serveOnce(int cycle) throws Exception {
        try (Clients.Recorded tcp = awaitClient(Deployments.TCP); Clients.Recorded ws = awaitClient(Deployments.WS);
             java.net.Socket halfPacket = new java.net.Socket(Deployments.TCP.getHost(), Deployments.TCP.getPort())) {
            halfPacket.getOutputStream().write(new byte[] {0x01, 0x00, 0x10, 0x00, '{'}); // a handshake cut short
            assertThat(tcp.client.request("testsvc.testrequestreturnsptr", Map.of("msg", "t" + cycle)).get(5, TimeUnit.SECONDS).isError()).isFalse();
            assertThat(ws.client.request("testsvc.testrequestreturnsptr", Map.of("msg", "w" + cycle)).get(5, TimeUnit.SECONDS).isError()).isFalse();
        }
    }

    /** The adapter opens the port right after activation; give it a moment. */
    private static Clients.Recorded awaitClient(java.net.URI uri) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try {
                return Clients.connect(uri);
            } catch (RuntimeException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
