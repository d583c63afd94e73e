package io.pitaya.api;

import java.util.Optional;

/** Looks up the sessions connected to this server. Inject it anywhere: {@code @Inject Sessions sessions}. */
public interface Sessions {

    Optional<Session> byId(long id);

    Optional<Session> byUid(String uid);

    int count();
}
