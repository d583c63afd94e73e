package io.pitaya.it;

import io.pitaya.client.PitayaClient;
import io.pitaya.client.Response;
import io.pitaya.it.sessions.SessionsService;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The deployment of the sessions / groups / lifecycle tests: the real EAR plus the {@code io.pitaya.it.sessions} app. */
final class SessionsDeployment {

    private SessionsDeployment() {
    }

    /** Service {@code sessionsvc}, an observer of session events, a handshake validator and two components. */
    static EnterpriseArchive ear() {
        return ear("it-sessions-config.properties");
    }

    /** {@link #ear()} with another settings file (a test resource) as the app's {@code microprofile-config.properties}. */
    static EnterpriseArchive ear(String config) {
        JavaArchive app = ShrinkWrap.create(JavaArchive.class, "pitaya-it-sessions.jar")
                .addPackage(SessionsService.class.getPackage())
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsManifestResource(config, "microprofile-config.properties");
        return Deployments.demoEar().addAsLibrary(app);
    }

    static Clients.Recorded connect(URI uri, Map<String, ?> user) {
        Clients.Recorded recorded = new Clients.Recorded(PitayaClient.builder().handshakeUser(user));
        recorded.client.connect(uri);
        return recorded;
    }

    static Response call(Clients.Recorded c, String route, Object body) throws Exception {
        return c.client.request("sessionsvc." + route, body).get(5, TimeUnit.SECONDS);
    }

    static Response bind(Clients.Recorded c, String uid) throws Exception {
        return call(c, "bind", uid.getBytes(StandardCharsets.UTF_8));
    }
}
