package io.pitaya.it;

import io.pitaya.testkit.RawConnection;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link WireProtocolTests} over WebSocket, plus what only WebSocket framing can get wrong. */
class WireProtocolWebSocketIT extends WireProtocolTests {

    @Override
    URI endpoint() {
        return Deployments.WS;
    }

    @Test
    void aMessageShorterOrLongerThanItsPacketClosesTheConnection() throws Exception {
        try (RawConnection ws = handshaken()) {
            ws.send(new byte[]{3, 0, 0, 5, 1}); // announces 5 bytes, carries 1
            assertThat(ws.closedWithin(3000)).isTrue();
        }
        try (RawConnection ws = handshaken()) {
            ws.send(new byte[]{3, 0, 0, 0, 1}); // announces 0 bytes, carries 1
            assertThat(ws.closedWithin(3000)).isTrue();
        }
        serverStillServes();
    }
}
