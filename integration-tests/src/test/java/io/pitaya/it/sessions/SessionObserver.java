package io.pitaya.it.sessions;

import io.pitaya.api.PitayaException;
import io.pitaya.api.events.SessionBinding;
import io.pitaya.api.events.SessionBound;
import io.pitaya.api.events.SessionClosed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Observes the core's session events; vetoes binding the uid "forbidden". */
@ApplicationScoped
public class SessionObserver {

    @Inject
    Recorder recorder;

    void binding(@Observes SessionBinding event) {
        if ("forbidden".equals(event.uid())) {
            throw new PitayaException("RH-403", "uid forbidden");
        }
        recorder.add("binding " + event.uid() + " id=" + event.session().id() + " uid()=" + event.session().uid());
    }

    void bound(@Observes SessionBound event) {
        recorder.add("bound " + event.uid() + " id=" + event.session().id());
    }

    void closed(@Observes SessionClosed event) {
        recorder.add("closed " + event.uid() + " id=" + event.sessionId() + " reason=" + event.reason());
    }
}
