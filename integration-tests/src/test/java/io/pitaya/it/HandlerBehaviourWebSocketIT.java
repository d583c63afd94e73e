package io.pitaya.it;

import java.net.URI;

/** {@link HandlerBehaviourTests} over the WebSocket acceptor. */
class HandlerBehaviourWebSocketIT extends HandlerBehaviourTests {
    @Override
    URI endpoint() {
        return Deployments.WS;
    }
}
