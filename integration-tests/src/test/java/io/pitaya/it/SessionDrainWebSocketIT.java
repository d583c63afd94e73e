package io.pitaya.it;

import java.net.URI;

/** {@link SessionDrainTests} over the WebSocket acceptor. */
class SessionDrainWebSocketIT extends SessionDrainTests {
    @Override
    URI endpoint() {
        return Deployments.WS;
    }
}
