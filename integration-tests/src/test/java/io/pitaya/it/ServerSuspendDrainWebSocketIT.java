package io.pitaya.it;

import java.net.URI;

/** {@link ServerSuspendDrainTests} over the WebSocket acceptor; WildFly only. */
class ServerSuspendDrainWebSocketIT extends ServerSuspendDrainTests {
    @Override
    URI endpoint() {
        return Deployments.WS;
    }
}
