package io.pitaya.core.cdi;

import io.pitaya.api.Session;
import jakarta.enterprise.context.RequestScoped;

/** Holds the session of the message being handled; one per handler call (a CDI request). */
@RequestScoped
public class CurrentSession {

    private Session session;

    public Session get() {
        return session;
    }

    void set(Session session) {
        this.session = session;
    }
}
