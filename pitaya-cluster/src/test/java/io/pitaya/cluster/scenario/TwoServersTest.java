package io.pitaya.cluster.scenario;

import com.google.protobuf.ByteString;
import io.pitaya.api.PitayaException;
import io.pitaya.cluster.context.PropagatedContext;
import io.pitaya.cluster.discovery.EtcdServiceDiscovery;
import io.pitaya.cluster.discovery.EtcdSettings;
import io.pitaya.cluster.protos.Request;
import io.pitaya.cluster.protos.Response;
import io.pitaya.cluster.protos.Session;
import io.pitaya.cluster.rpc.NatsClientSettings;
import io.pitaya.cluster.rpc.NatsRpcClient;
import io.pitaya.cluster.rpc.NatsRpcServer;
import io.pitaya.cluster.rpc.NatsServerSettings;
import io.pitaya.cluster.rpc.RequestHandler;
import io.pitaya.cluster.rpc.RequestFactory;
import io.pitaya.cluster.server.ServerDescriptor;
import io.pitaya.cluster.testsupport.EtcdServer;
import io.pitaya.cluster.testsupport.Eventually.CountingThreads;
import io.pitaya.cluster.testsupport.NatsServer;
import io.pitaya.cluster.testsupport.TestSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.pitaya.cluster.testsupport.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A frontend finds a backend through etcd and forwards a client message to it over NATS, as the core's router will:
 * discovery and RPC together against real servers.
 */
class TwoServersTest {

    @RegisterExtension
    static final EtcdServer ETCD = new EtcdServer();
    @RegisterExtension
    static final NatsServer NATS = new NatsServer();

    private final CountingThreads threads = new CountingThreads("cluster");
    private final ExecutorService workers = Executors.newFixedThreadPool(2, threads);
    private final List<AutoCloseable> open = new ArrayList<>();
    private final ServerDescriptor connector = ServerDescriptor.create("connector", true, Map.of(), "h");
    private final ServerDescriptor room = ServerDescriptor.create("room", false, Map.of(), "h");

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        workers.shutdownNow();
    }

    @Test
    void aFrontendForwardsToTheBackendItDiscovered() throws Exception {
        startBackend(request -> CompletableFuture.completedFuture(Response.newBuilder().setData(ByteString.copyFromUtf8(
                "{\"joined\":\"" + request.getSession().getUid() + "\",\"from\":\"" + request.getFrontendID() + "\"}"))
                .build()));
        EtcdServiceDiscovery discovery = discovery(connector);
        NatsRpcClient client = client();
        within(Duration.ofSeconds(5), "the room is discovered", () -> !discovery.serversOfType("room").isEmpty());

        ServerDescriptor target = discovery.serversOfType("room").iterator().next();
        Response response = client.request(target, forward("room.room.join")).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        assertThat(target).isEqualTo(room);
        assertThat(response.getData().toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"joined\":\"u1\",\"from\":\"" + connector.id() + "\"}");
    }

    @Test
    void aBackendKilledMidRequestGivesItsCallerAnErrorAndTheNextCallerOneAtOnce() throws Exception {
        CompletableFuture<Void> received = new CompletableFuture<>();
        NatsRpcServer backendRpc = startBackend(request -> {
            received.complete(null);
            return new CompletableFuture<>();
        });
        EtcdServiceDiscovery discovery = discovery(connector);
        NatsRpcClient client = client();
        within(Duration.ofSeconds(5), "the room is discovered", () -> !discovery.serversOfType("room").isEmpty());
        CompletableFuture<Response> pending = client.request(room, forward("room.room.join"),
                Duration.ofMillis(800)).toCompletableFuture();
        received.get(5, TimeUnit.SECONDS);

        backendRpc.close();

        assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(PitayaException.class).hasMessage("rpc client: request timeout");
        CompletableFuture<Response> next = client.request(room, forward("room.room.join"), Duration.ofSeconds(30))
                .toCompletableFuture();
        assertThatThrownBy(() -> next.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().hasMessageContaining("no responders");
    }

    private NatsRpcServer startBackend(RequestHandler handler) {
        NatsRpcServer rpc = NatsRpcServer.start(room, NatsServerSettings.from(TestSettings.under(NatsServerSettings.PREFIX,
                Map.of("connect", NATS.url()))), handler, workers, threads);
        open.add(rpc);
        discovery(room);
        return rpc;
    }

    private EtcdServiceDiscovery discovery(ServerDescriptor self) {
        EtcdServiceDiscovery discovery = EtcdServiceDiscovery.start(self, EtcdSettings.from(TestSettings.under(
                EtcdSettings.PREFIX, Map.of("endpoints", ETCD.endpoint(), "heartbeat.ttl", "3s",
                        "shutdown.delay", "0s"))), threads);
        open.add(discovery);
        return discovery;
    }

    private NatsRpcClient client() {
        NatsRpcClient client = NatsRpcClient.start(connector, NatsClientSettings.from(TestSettings.under(
                NatsClientSettings.PREFIX, Map.of("connect", NATS.url()))), workers, threads);
        open.add(client);
        within(Duration.ofSeconds(5), "connected", client::connected);
        return client;
    }

    private Request forward(String route) {
        return new RequestFactory(connector, Duration.ofSeconds(5)).sys(route, false, 1,
                "{}".getBytes(StandardCharsets.UTF_8), Session.newBuilder().setId(1).setUid("u1").build(),
                PropagatedContext.empty());
    }

}
