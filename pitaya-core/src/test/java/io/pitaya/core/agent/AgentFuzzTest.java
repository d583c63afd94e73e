package io.pitaya.core.agent;

import io.pitaya.api.Handler;
import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.TestServer;
import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.fuzz.FuzzInputs;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the agent's state machine with random packet sequences (types in any order, bodies from the handshake and
 * message seed corpora, mutated). Property: no exception escapes {@code onPacket}, and afterwards the connection is
 * either served (agent not closed, connection open, session registered) or closed (agent closed, connection closed,
 * session gone): never half of each.
 */
class AgentFuzzTest {

    @Handler("svc")
    public static class Svc {
        public String ping() {
            return "pong";
        }
    }

    private static TestServer server;

    @BeforeContainer
    static void start() {
        server = TestServer.start(new Svc());
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Provide
    Arbitrary<List<Packet>> sequences() {
        Arbitrary<PacketType> types = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(PacketType.HANDSHAKE)), Tuple.of(3, Arbitraries.just(PacketType.HANDSHAKE_ACK)),
                Tuple.of(2, Arbitraries.just(PacketType.HEARTBEAT)), Tuple.of(6, Arbitraries.just(PacketType.DATA)),
                Tuple.of(1, Arbitraries.just(PacketType.KICK)));
        Arbitrary<byte[]> bodies = Arbitraries.oneOf(
                FuzzInputs.mutatedOrRandom("handshakes", 512), FuzzInputs.mutatedOrRandom("messages", 512),
                Arbitraries.just(TestClient.HANDSHAKE_JSON.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return Combinators.combine(types, bodies).as(Packet::of).list().ofMaxSize(8);
    }

    @Property
    void everyConnectionIsEitherServedOrClosed(@ForAll("sequences") List<Packet> packets) throws InterruptedException {
        TestClient client = server.connect();
        for (Packet p : packets) {
            client.agent().onPacket(p); // throws nothing, whatever the peer sent
        }
        if (client.agent().state() == AgentState.CLOSED) {
            assertThat(eventually(client::isClosed)).as("connection closed with its agent").isTrue();
            assertThat(server.sessions().local(client.id())).isEmpty();
        } else {
            assertThat(client.isClosed()).as("connection of a live agent").isFalse();
            assertThat(server.sessions().local(client.id())).isPresent();
            client.agent().close("end of try");
        }
    }

    /** A rejected handshake closes after its answer is flushed; give that a moment. */
    private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        return condition.getAsBoolean();
    }
}
