package io.pitaya.it;

import io.pitaya.it.hardening.MemoryProbe;
import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9's reproduction over the real TCP acceptor with the demo's default limits (16 MB packets): many raw
 * connections announce huge bodies and go silent, send garbage or half packets, while a normal client keeps getting
 * answers; the server's heap (measured inside it after forced GCs) grows by a few MB at most. With a decoder that
 * allocates the announced body, 40 such connections alone would take 640 MB.
 */
@ExtendWith(ArquillianExtension.class)
class HostilePeersTcpIT {

    private static final Logger LOG = Logger.getLogger(HostilePeersTcpIT.class.getName());
    private static final long MB = 1024 * 1024;
    private static final int HUGE_HANDSHAKE = 0;
    private static final Pattern USED = Pattern.compile("\"used\":(\\d+)");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        JavaArchive probe = ShrinkWrap.create(JavaArchive.class, "pitaya-it-memprobe.jar")
                .addClass(MemoryProbe.class)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
        return Deployments.demoEar().addAsLibrary(probe); // the demo's own settings: maxpacketsize 16 MB
    }

    /** The reproduction of issue 9: each connection announces a 16 MB handshake body and goes silent. */
    @Test
    void fortyHugeHandshakeHeadersCostNoMemoryAndTcpKeepsServing() throws Exception {
        assertHostilePeersCostLittle(40, "01 ff ff ff", i -> HUGE_HANDSHAKE, 4 * MB);
    }

    @Test
    void aThousandHugeHandshakeHeadersCostNoMemoryAndTcpKeepsServing() throws Exception {
        assertHostilePeersCostLittle(1000, "01 ff ff ff", i -> HUGE_HANDSHAKE, 4 * MB);
    }

    /** Huge headers before and after the handshake, garbage, half headers, a large packet of which 1 KB arrives. */
    @Test
    void aThousandMixedHostilePeersCostAFewMegabytesAndTcpKeepsServing() throws Exception {
        assertHostilePeersCostLittle(1000, "mixed", i -> i % 5, 8 * MB);
    }

    private void assertHostilePeersCostLittle(int count, String what, IntUnaryOperator kindOf, long allowedGrowth)
            throws Exception {
        try (Clients.Recorded normal = Clients.connect(Deployments.TCP)) {
            usedHeap(normal); // warm-up: the probe's first call loads classes
            long before = usedHeap(normal);
            List<Socket> hostile = new ArrayList<>();
            try {
                Random random = new Random(count);
                for (int i = 0; i < count; i++) {
                    hostile.add(hostileConnection(kindOf.applyAsInt(i), random));
                    if (i % 100 == 99) {
                        assertAnswers(normal); // served while the flood goes on
                    }
                }
                Thread.sleep(500); // let the acceptor read everything the peers sent
                assertAnswers(normal);
                try (Clients.Recorded late = Clients.connect(Deployments.TCP)) {
                    assertAnswers(late);
                }
                long growth = usedHeap(normal) - before;
                LOG.info(() -> count + " hostile connections (" + what + "): server heap growth " + growth / 1024 + " KB");
                assertThat(growth).as("server heap growth with %d hostile connections (%s) open", count, what)
                        .isLessThan(allowedGrowth);
            } finally {
                for (Socket s : hostile) {
                    s.close();
                }
            }
        }
    }

    /** One of five kinds of bad peers; all stay silent afterwards (the server may have closed them already). */
    private static Socket hostileConnection(int kind, Random random) throws IOException {
        Socket socket = new Socket(Deployments.TCP.getHost(), Deployments.TCP.getPort());
        OutputStream out = socket.getOutputStream();
        switch (kind) {
            case 0 -> out.write(new byte[] {0x01, (byte) 0xff, (byte) 0xff, (byte) 0xff}); // 16 MB handshake announced
            case 1 -> out.write(new byte[] {0x04, (byte) 0xff, (byte) 0xff, (byte) 0xff}); // 16 MB data announced
            case 2 -> { // a proper handshake, then a 16 MB data packet of which 1 KB arrives
                out.write(PacketCodec.encode(PacketType.HANDSHAKE, "{\"sys\":{\"platform\":\"raw\"}}".getBytes(StandardCharsets.UTF_8)));
                out.write(PacketCodec.encode(Packet.HANDSHAKE_ACK));
                out.write(new byte[] {0x04, (byte) 0xff, (byte) 0xff, (byte) 0xff});
                out.write(new byte[1024]);
            }
            case 3 -> { // garbage
                byte[] garbage = new byte[256];
                random.nextBytes(garbage);
                out.write(garbage);
            }
            default -> out.write(new byte[] {0x04, 0x00}); // half a header
        }
        out.flush();
        return socket;
    }

    private static void assertAnswers(Clients.Recorded client) throws Exception {
        assertThat(client.client.request("memprobe.ping", Map.of()).get(10, TimeUnit.SECONDS).isError()).isFalse();
    }

    private static long usedHeap(Clients.Recorded client) throws Exception {
        String json = client.client.request("memprobe.heap", "{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30))
                .get(30, TimeUnit.SECONDS).dataAsString();
        Matcher m = USED.matcher(json);
        assertThat(m.find()).as("heap answer %s", json).isTrue();
        return Long.parseLong(m.group(1));
    }
}
