package io.pitaya.it;

import java.net.URI;

/** {@link SessionsShutdownTests} over the WebSocket acceptor. */
class SessionsShutdownWebSocketIT extends SessionsShutdownTests {
    @Override
    URI endpoint() {
        return Deployments.WS;
    }
}
