package io.pitaya.api;

/** Undoes a registration (a listener, a validator). Removing twice is harmless. */
@FunctionalInterface
public interface Registration {

    void remove();
}
