package io.pitaya.examples.cluster.connector;

import io.pitaya.api.Handshake;
import io.pitaya.api.HandshakeValidator;
import io.pitaya.api.Session;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Puts this connector's server id in every new session's data ({@code "connector"}). The data travels with each
 * message forwarded to a backend, so the room knows which connector holds the player and can call its remote
 * ({@link Roster}) there.
 */
@ApplicationScoped
public class ConnectorIdentity implements HandshakeValidator {

    public static final String KEY = "connector";

    @Inject
    @ConfigProperty(name = "pitaya.server.id", defaultValue = "")
    String serverId;

    @Override
    public void validate(Session session, Handshake handshake) {
        if (!serverId.isEmpty()) { // a random id the application cannot read: the room then does without
            session.set(KEY, serverId);
        }
    }
}
