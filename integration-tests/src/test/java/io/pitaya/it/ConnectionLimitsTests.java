package io.pitaya.it;

import io.pitaya.client.PitayaClient;
import io.pitaya.client.Response;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageCodec;
import io.pitaya.protocol.message.RouteDictionary;
import io.pitaya.testkit.LibpitayaHandshake;
import io.pitaya.testkit.RawConnection;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-connection limits in WildFly (pipeline-app-config.properties: rate limit 10 packets/s, handshake deadline 2 s,
 * heartbeat 1 s, packets up to 4096 bytes); run per transport by the subclasses.
 */
@ExtendWith(ArquillianExtension.class)
abstract class ConnectionLimitsTests {

    static final MessageCodec CODEC = new MessageCodec(RouteDictionary.EMPTY, false);
    static final byte[] HANDSHAKE = LibpitayaHandshake.packet();
    static final byte[] ACK = {2, 0, 0, 0};
    static final byte[] HEARTBEAT = {3, 0, 0, 0};

    /** The transport under test. */
    abstract java.net.URI endpoint();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PipelineDeployments.earWithPipelineApp();
    }

    private PitayaClient client(Duration requestTimeout) {
        PitayaClient client = PitayaClient.builder().requestTimeout(requestTimeout).build();
        client.connect(endpoint());
        return client;
    }

    private static boolean answered(CompletableFuture<Response> f) throws InterruptedException {
        try {
            return !f.get(10, TimeUnit.SECONDS).isError();
        } catch (ExecutionException timedOut) {
            return false;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the client's own timeout should have ended the request", e);
        }
    }

    @Test
    void aBurstOverTheRateLimitIsDroppedSilentlyWhileAPoliteClientIsServed() throws Exception {
        try (PitayaClient greedy = client(Duration.ofSeconds(3)); PitayaClient polite = client(Duration.ofSeconds(3))) {
            List<CompletableFuture<Response>> burst = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                burst.add(greedy.request("pipe.raw", ("b" + i).getBytes(StandardCharsets.UTF_8)));
            }
            List<CompletableFuture<Response>> steady = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                steady.add(polite.request("pipe.raw", ("p" + i).getBytes(StandardCharsets.UTF_8)));
                Thread.sleep(250); // 4 requests + 1 heartbeat per second, against 10 allowed
            }
            int answered = 0;
            for (CompletableFuture<Response> f : burst) {
                answered += answered(f) ? 1 : 0;
            }
            // 10 slots per second, two of them taken by handshake and ack: about 8 pass, the rest time out
            assertThat(answered).as("answered of the burst").isBetween(1, 10);
            for (CompletableFuture<Response> f : steady) {
                assertThat(answered(f)).as("polite request").isTrue();
            }
            // dropping is silent: the greedy connection is still open and served once its slots free up
            assertThat(greedy.isConnected()).isTrue();
            assertThat(greedy.request("pipe.raw", "again".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS).dataAsString())
                    .isEqualTo("again");
        }
    }

    @Test
    void aConnectionThatNeverFinishesTheHandshakeIsClosedDespiteHeartbeats() throws Exception {
        try (Clients.Recorded proper = Clients.connect(endpoint())) {
            long start = System.nanoTime();
            try (RawConnection heartbeatsOnly = RawConnection.open(endpoint());
                 RawConnection noAck = RawConnection.open(endpoint())) {
                noAck.send(HANDSHAKE);
                assertThat(noAck.receive(5000)).as("handshake answered").isNotNull();
                // a heartbeat every 300 ms satisfies the heartbeat monitor (1 s interval), not the handshake deadline
                while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5)) {
                    boolean open = heartbeatIfOpen(heartbeatsOnly) | heartbeatIfOpen(noAck);
                    if (!open) {
                        break;
                    }
                    Thread.sleep(300);
                }
                assertThat(heartbeatsOnly.closedWithin(1000)).as("closed: no handshake in 2 s").isTrue();
                assertThat(noAck.closedWithin(1000)).as("closed: no ack in 2 s").isTrue();
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(1500L, 4500L);
            }
            // a client that completed the handshake is not affected
            assertThat(proper.client.isConnected()).isTrue();
            assertThat(proper.client.request("pipe.raw", "still".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS).dataAsString())
                    .isEqualTo("still");
        }
    }

    private static boolean heartbeatIfOpen(RawConnection c) {
        if (c.closedWithin(0)) {
            return false;
        }
        try {
            c.send(HEARTBEAT);
            return true;
        } catch (Exception closing) {
            return false;
        }
    }

    @Test
    void packetsUpToTheMaximumSizeAreServedAndLargerOnesCloseTheConnection() throws Exception {
        int max = 4096; // pitaya.acceptor.maxpacketsize of this deployment
        try (RawConnection c = handshaken()) {
            byte[] packet = requestOfBodySize(1, max);
            c.send(packet);
            byte[] response = nextData(c);
            assertThat(response).as("a %d-byte body is served", max).isNotNull();
            Message m = CODEC.decode(Arrays.copyOfRange(response, PacketCodec.HEADER_LENGTH, response.length));
            assertThat(m.id()).isEqualTo(1);
            assertThat(m.data()).hasSize(payloadSize(max));
        }
        try (RawConnection c = handshaken()) {
            c.send(requestOfBodySize(1, max + 1));
            assertThat(c.closedWithin(3000)).as("a %d-byte body closes the connection", max + 1).isTrue();
        }
    }

    /** The next Data packet, skipping the server's heartbeats; null after 5 s. */
    private static byte[] nextData(RawConnection c) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        byte[] packet;
        do {
            packet = c.receive(Math.max(1, deadline - System.currentTimeMillis()));
        } while (packet != null && packet[0] != PacketType.DATA.code() && System.currentTimeMillis() < deadline);
        return packet != null && packet[0] == PacketType.DATA.code() ? packet : null;
    }

    private RawConnection handshaken() throws Exception {
        RawConnection c = RawConnection.open(endpoint());
        c.send(HANDSHAKE);
        assertThat(c.receive(5000)).isNotNull();
        c.send(ACK);
        return c;
    }

    private static final String ROUTE = "pipe.raw";

    /** Flag, id 1 (one varint byte), route length and route, then the payload. */
    private static int payloadSize(int bodySize) {
        return bodySize - 3 - ROUTE.length();
    }

    private static byte[] requestOfBodySize(long id, int bodySize) {
        byte[] payload = new byte[payloadSize(bodySize)];
        Arrays.fill(payload, (byte) 'x');
        byte[] body = CODEC.encode(Message.request(id, ROUTE, payload));
        assertThat(body).hasSize(bodySize);
        return PacketCodec.encode(PacketType.DATA, body);
    }
}
