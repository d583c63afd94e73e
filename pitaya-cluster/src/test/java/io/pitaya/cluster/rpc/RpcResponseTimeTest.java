package io.pitaya.cluster.rpc;

import com.google.protobuf.ByteString;
import io.pitaya.api.PitayaException;
import io.pitaya.cluster.context.PropagatedContext;
import io.pitaya.cluster.protos.Msg;
import io.pitaya.cluster.protos.RPCType;
import io.pitaya.cluster.protos.Request;
import io.pitaya.cluster.protos.Response;
import io.pitaya.cluster.server.ServerDescriptor;
import io.pitaya.cluster.testsupport.Eventually;
import io.pitaya.cluster.testsupport.NatsServer;
import io.pitaya.cluster.testsupport.TestSettings;
import io.pitaya.core.metrics.MetricsReporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each NATS RPC this server makes reports {@code response_time_ns} with type {@code rpc}, as Go's NATS client. */
class RpcResponseTimeTest {

    @RegisterExtension
    static final NatsServer NATS = new NatsServer();

    private record Reported(String route, String type, String code, long nanos) {
    }

    private static final List<Reported> REPORTED = new CopyOnWriteArrayList<>();
    private static final ServerDescriptor CONNECTOR = ServerDescriptor.create("connector", true, Map.of(), "h");
    private static final ServerDescriptor ROOM = ServerDescriptor.create("room", false, Map.of(), "h");

    private static ExecutorService workers;
    private static NatsRpcServer server;
    private static NatsRpcClient client;

    @BeforeAll
    static void start() {
        workers = Executors.newFixedThreadPool(2);
        server = NatsRpcServer.start(ROOM, NatsServerSettings.from(TestSettings.under(NatsServerSettings.PREFIX,
                Map.of("connect", NATS.url()), Map.of())), RpcResponseTimeTest::serve, workers, Executors.defaultThreadFactory());
        MetricsReporter recording = new MetricsReporter() {
            @Override
            public void responseTime(String route, String type, String code, long nanos) {
                REPORTED.add(new Reported(route, type, code, nanos));
            }
        };
        client = NatsRpcClient.start(CONNECTOR, NatsClientSettings.from(TestSettings.under(NatsClientSettings.PREFIX,
                Map.of("connect", NATS.url()), Map.of())), Runnable::run, Executors.defaultThreadFactory(), recording);
        Eventually.within(Duration.ofSeconds(5), "both connected",
                () -> server.connected() && client.connected());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
        workers.shutdownNow();
    }

    @BeforeEach
    void clear() {
        REPORTED.clear();
    }

    /** room.remote.ok answers, room.remote.missing fails with PIT-404, room.remote.slow never answers. */
    private static CompletionStage<Response> serve(Request request) {
        return switch (request.getMsg().getRoute()) {
            case "room.remote.ok" -> CompletableFuture.completedFuture(
                    Response.newBuilder().setData(ByteString.copyFromUtf8("ok")).build());
            case "room.remote.slow" -> new CompletableFuture<>();
            default -> CompletableFuture.failedFuture(new PitayaException("PIT-404", "route not found"));
        };
    }

    @Test
    void aSuccessfulCallIsReportedWithoutCode() throws Exception {
        long start = System.nanoTime();
        client.request(ROOM, request("room.remote.ok", Duration.ofSeconds(5))).toCompletableFuture().get(5, TimeUnit.SECONDS);
        long took = System.nanoTime() - start;

        assertThat(REPORTED).singleElement().satisfies(r -> {
            assertThat(r.route()).isEqualTo("room.remote.ok");
            assertThat(r.type()).isEqualTo("rpc");
            assertThat(r.code()).isNull();
            assertThat(r.nanos()).isPositive().isLessThanOrEqualTo(took);
        });
    }

    @Test
    void aFailedCallIsReportedWithThePeersCode() {
        assertThatThrownBy(() -> client.request(ROOM, request("room.remote.missing", Duration.ofSeconds(5)))
                .toCompletableFuture().get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(PitayaException.class);

        assertThat(REPORTED).singleElement().satisfies(r -> {
            assertThat(r.route()).isEqualTo("room.remote.missing");
            assertThat(r.type()).isEqualTo("rpc");
            assertThat(r.code()).isEqualTo("PIT-404");
        });
    }

    @Test
    void aTimeoutIsReportedAsPit408AfterTheTimeout() {
        assertThatThrownBy(() -> client.request(ROOM, request("room.remote.slow", Duration.ofMillis(300)))
                .toCompletableFuture().get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(PitayaException.class);

        assertThat(REPORTED).singleElement().satisfies(r -> {
            assertThat(r.route()).isEqualTo("room.remote.slow");
            assertThat(r.code()).isEqualTo("PIT-408");
            assertThat(Duration.ofNanos(r.nanos())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        });
    }

    private static Request request(String route, Duration timeout) {
        return Request.newBuilder().setType(RPCType.User).setMsg(Msg.newBuilder().setRoute(route))
                .setMetadata(ByteString.copyFrom(PropagatedContext.empty().withRequestTimeout(timeout).encode()))
                .build();
    }
}
