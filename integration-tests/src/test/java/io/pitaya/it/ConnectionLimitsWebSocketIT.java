package io.pitaya.it;

import java.net.URI;

/** {@link ConnectionLimitsTests} over the WebSocket acceptor. */
class ConnectionLimitsWebSocketIT extends ConnectionLimitsTests {
    @Override
    URI endpoint() {
        return Deployments.WS;
    }
}
