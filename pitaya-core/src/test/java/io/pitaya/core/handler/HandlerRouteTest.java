package io.pitaya.core.handler;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class HandlerRouteTest {

    @Test
    void twoPartsTakeTheOwnServerType() {
        HandlerRoute r = HandlerRoute.parse("room.join", "connector");
        assertThat(r).isEqualTo(new HandlerRoute("connector", "room", "join"));
        assertThat(r.key()).isEqualTo("room.join");
        assertThat(r.toString()).isEqualTo("connector.room.join");
    }

    @Test
    void threePartsKeepTheirServerType() {
        HandlerRoute r = HandlerRoute.parse("chat.room.join", "connector");
        assertThat(r).isEqualTo(new HandlerRoute("chat", "room", "join"));
        assertThat(r.key()).isEqualTo("room.join");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "join", "a.b.c.d", "a.", ".b", "a..b", "a. .b", "\t.b", "a.b."})
    void otherShapesAreInvalid(String route) {
        assertThat(HandlerRoute.parse(route, "connector")).isNull();
    }

    @Test
    void nullIsInvalid() {
        assertThat(HandlerRoute.parse(null, "connector")).isNull();
    }
}
