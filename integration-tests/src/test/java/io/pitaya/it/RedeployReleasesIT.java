package io.pitaya.it;

import io.pitaya.it.hardening.HeapRetention;
import io.pitaya.it.hardening.ServerJvm;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Undeploy releases what Pitaya started and holds: after several deploy / serve / undeploy cycles (TCP and WebSocket
 * clients, a peer left holding a half packet, a CDI request context per message) no selector or accept loop and no
 * other thread runs Pitaya code, and a heap dump of the server shows no strong path from a GC root to any of the old
 * deployments' module class loaders or to a {@code PitayaServer}. Soft and weak references (JDK and WildFly caches
 * that let go under memory pressure) and the last task an idle WildFly pool thread ran (kept until its next task) are
 * the server's and not counted; see {@link HeapRetention}. WildFly only: the heap check knows a deployment by its
 * jboss-modules class loader and the server's idle pool threads by jboss-threads' classes.
 */
@WildFlyOnly
@ExtendWith(ArquillianExtension.class)
class RedeployReleasesIT {

    private static final Logger LOG = Logger.getLogger(RedeployReleasesIT.class.getName());
    /** A name no other suite deploys, so the heap check counts only this test's deployments. */
    private static final String EAR = "redeploy-check";
    private static final String SERVER = "io.pitaya.core.server.PitayaServer";
    private static final int CYCLES = 3;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = EAR, managed = false, testable = false)
    static EnterpriseArchive deployment() {
        // every message in a CDI request context: the path that keeps per-thread state
        JavaArchive always = ShrinkWrap.create(JavaArchive.class, "redeploy-config.jar").addAsManifestResource(
                new StringAsset("config_ordinal=600\npitaya.handler.requestcontext=always\n"), "microprofile-config.properties");
        EnterpriseArchive ear = ShrinkWrap.create(EnterpriseArchive.class, EAR + ".ear");
        return ear.merge(Deployments.earWithTestApp()).addAsLibrary(always);
    }

    @Test
    void redeployingSeveralTimesLeavesNoThreadAndNoClassLoaderBehind() throws Exception {
        ServerJvm server = ServerJvm.find();
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
        String kept = System.getProperty("pitaya.it.heapdump"); // a path to keep the dump at, for offline analysis
        Path dump = Path.of(kept != null ? kept : "target/redeploy-" + ProcessHandle.current().pid() + ".hprof").toAbsolutePath();
        try {
            server.heapDump(dump);
            HeapRetention.Result retained = HeapRetention.retained(dump, name -> name.startsWith("deployment." + EAR + ".ear"), SERVER);
            LOG.info(() -> "after " + CYCLES + " redeploys: " + retained.inHeap() + " deployment class loaders and servers in the heap, "
                    + retained.strongPaths().size() + " of them strongly reachable");
            assertThat(retained.strongPaths()).as("strong paths from GC roots to the undeployed Pitaya deployments").isEmpty();
        } finally {
            if (kept == null) {
                Files.deleteIfExists(dump);
            }
        }
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
