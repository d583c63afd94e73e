package io.pitaya.it;

import java.net.URI;

/** {@link SessionDrainTests} over the TCP acceptor (JCA resource adapter). */
class SessionDrainTcpIT extends SessionDrainTests {
    @Override
    URI endpoint() {
        return Deployments.TCP;
    }
}
