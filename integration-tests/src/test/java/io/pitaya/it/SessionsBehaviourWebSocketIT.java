package io.pitaya.it;

import java.net.URI;

/** {@link SessionsBehaviourTests} over the WebSocket acceptor. */
class SessionsBehaviourWebSocketIT extends SessionsBehaviourTests {
    @Override
    URI endpoint() {
        return Deployments.WS;
    }
}
