package io.pitaya.core.session;

import io.pitaya.api.Handshake;
import io.pitaya.api.HandshakeValidator;
import io.pitaya.api.Registration;
import io.pitaya.api.Session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The named handshake validators of one server (Pitaya's {@code AddHandshakeValidator}): all run, in the order they
 * were added, and the first failure rejects the handshake.
 */
public final class HandshakeValidators {

    private static final Logger LOG = Logger.getLogger(HandshakeValidators.class.getName());

    private final Map<String, HandshakeValidator> validators = new LinkedHashMap<>();
    private volatile List<Map.Entry<String, HandshakeValidator>> snapshot = List.of();

    /** A validator rejected a handshake. */
    public static final class Rejected extends RuntimeException {
        private final String validator;

        Rejected(String validator, String message, Throwable cause) {
            super(message, cause, false, false);
            this.validator = validator;
        }

        /** The name of the validator that failed. */
        public String validator() {
            return validator;
        }
    }

    public synchronized Registration add(String name, HandshakeValidator validator) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(validator, "validator");
        validators.remove(name); // re-adding moves it to the end, like a fresh registration
        validators.put(name, validator);
        publish();
        return () -> remove(name, validator);
    }

    private synchronized void remove(String name, HandshakeValidator validator) {
        if (validators.remove(name, validator)) {
            publish();
        }
    }

    private void publish() {
        snapshot = List.copyOf(validators.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList());
    }

    public List<String> names() {
        return snapshot.stream().map(Map.Entry::getKey).toList();
    }

    /**
     * Runs every validator on {@code handshake}.
     *
     * @throws Rejected with Pitaya's message {@code failed to run '<name>' validator: <cause>. SessionId=<id>}
     */
    public void validate(Session session, Handshake handshake) {
        for (Map.Entry<String, HandshakeValidator> entry : snapshot) {
            try {
                entry.getValue().validate(session, handshake);
            } catch (Exception | LinkageError | AssertionError e) {
                String message = "failed to run '" + entry.getKey() + "' validator: " + e.getMessage()
                        + ". SessionId=" + session.id();
                LOG.log(Level.INFO, message);
                LOG.log(Level.FINE, "validator failure", e);
                throw new Rejected(entry.getKey(), message, e);
            }
        }
    }
}
