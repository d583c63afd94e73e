package io.pitaya.client;

/** Handle returned when registering a listener; {@link #remove()} unregisters it. */
@FunctionalInterface
public interface Registration {

    /** Unregisters the listener. Idempotent. */
    void remove();
}
