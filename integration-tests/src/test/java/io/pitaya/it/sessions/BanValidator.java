package io.pitaya.it.sessions;

import io.pitaya.api.Handshake;
import io.pitaya.api.HandshakeValidator;
import io.pitaya.api.Session;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** Rejects clients whose handshake says {@code "user":{"banned":true}}. */
@ApplicationScoped
@Named("ban")
public class BanValidator implements HandshakeValidator {

    @Override
    public void validate(Session session, Handshake handshake) {
        if (Boolean.TRUE.equals(handshake.user().get("banned"))) {
            throw new IllegalArgumentException("banned client from " + session.remoteAddress());
        }
    }
}
