package io.pitaya.it;

import java.net.URI;

/** {@link HandlerBehaviourTests} over the TCP acceptor (JCA resource adapter). */
class HandlerBehaviourTcpIT extends HandlerBehaviourTests {
    @Override
    URI endpoint() {
        return Deployments.TCP;
    }
}
