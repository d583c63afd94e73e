package io.pitaya.it;

import java.net.URI;

/** {@link SessionsBehaviourTests} over the TCP acceptor (JCA resource adapter). */
class SessionsBehaviourTcpIT extends SessionsBehaviourTests {
    @Override
    URI endpoint() {
        return Deployments.TCP;
    }
}
