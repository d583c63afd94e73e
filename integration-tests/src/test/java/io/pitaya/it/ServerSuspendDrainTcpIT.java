package io.pitaya.it;

import java.net.URI;

/** {@link ServerSuspendDrainTests} over the TCP acceptor (JCA resource adapter); WildFly only. */
class ServerSuspendDrainTcpIT extends ServerSuspendDrainTests {
    @Override
    URI endpoint() {
        return Deployments.TCP;
    }
}
