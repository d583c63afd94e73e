package io.pitaya.cluster.context;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.pitaya.protocol.Hex.text;
import static io.pitaya.protocol.Hex.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PropagatedContextTest {

    @Test
    void emptyContextIsAnEmptyObjectNotNothing() {
        assertThat(text(PropagatedContext.empty().encode())).isEqualTo("{}");
        assertThat(PropagatedContext.decode(new byte[0]).asMap()).isEmpty();
    }

    @Test
    void requestTimeoutTravelsAsAGoDurationString() {
        PropagatedContext ctx = PropagatedContext.empty().withRequestTimeout(Duration.ofSeconds(5));

        assertThat(text(ctx.encode())).isEqualTo("{\"reqTimeout\":\"5s\"}");
        assertThat(PropagatedContext.decode(utf8("{\"reqTimeout\":\"1m30s\"}")).requestTimeout())
                .contains(Duration.ofSeconds(90));
        assertThat(PropagatedContext.decode(utf8("{\"reqTimeout\":\"250ms\"}")).requestTimeout())
                .contains(Duration.ofMillis(250));
        assertThat(PropagatedContext.empty().requestTimeout()).isEmpty();
    }

    @Test
    void aNonStringTimeoutIsRefused() {
        PropagatedContext ctx = PropagatedContext.decode(utf8("{\"reqTimeout\":5}"));

        assertThatThrownBy(ctx::requestTimeout).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysAreSortedAndValuesKeepTheirJsonTypes() {
        PropagatedContext ctx = PropagatedContext.empty()
                .with(PropagatedContext.REQUEST_ID, "id")
                .with(PropagatedContext.PEER_ID, "s1")
                .with(PropagatedContext.START_TIME, 1700000000123456789L)
                .with(PropagatedContext.METRIC_TAGS, Map.of("game", "chat"));

        String json = text(ctx.encode());
        assertThat(json).isEqualTo("{\"metric-tags\":{\"game\":\"chat\"},\"peer.id\":\"s1\","
                + "\"req-start-time\":1700000000123456789,\"request.id\":\"id\"}");
        PropagatedContext back = PropagatedContext.decode(utf8(json));
        assertThat(back.get(PropagatedContext.START_TIME)).contains(1700000000123456789L);
        assertThat(back.string(PropagatedContext.PEER_ID)).contains("s1");
        assertThat(back.get(PropagatedContext.METRIC_TAGS)).contains(Map.of("game", "chat"));
    }

    @Test
    void malformedMetadataIsRefused() {
        assertThatThrownBy(() -> PropagatedContext.decode(utf8("[]"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PropagatedContext.decode(utf8("{x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withReturnsACopy() {
        PropagatedContext a = PropagatedContext.empty();
        PropagatedContext b = a.with(PropagatedContext.ROUTE, "room.room.join");

        assertThat(a.asMap()).isEmpty();
        assertThat(b.string(PropagatedContext.ROUTE)).contains("room.room.join");
    }
}
