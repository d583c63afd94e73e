package io.pitaya.core.session;

import io.pitaya.api.PitayaException;
import io.pitaya.api.Serializer;
import io.pitaya.api.Session;
import io.pitaya.api.Sessions;
import io.pitaya.core.agent.Agent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/** The sessions connected to this server, by id and by bound uid. */
public final class SessionRegistry implements Sessions {

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, LocalSession> byId = new ConcurrentHashMap<>();
    private final Map<String, LocalSession> byUid = new ConcurrentHashMap<>();

    /** Session ids start at 1, like Pitaya's. */
    public long nextId() {
        return ids.incrementAndGet();
    }

    public LocalSession open(Agent agent, Serializer serializer, Executor pool) {
        LocalSession session = new LocalSession(agent, this, serializer, pool);
        byId.put(session.id(), session);
        return session;
    }

    /** Forgets a closed session and runs its close callbacks. */
    public void closed(long id) {
        LocalSession session = byId.remove(id);
        if (session == null) {
            return;
        }
        String uid;
        synchronized (session) {
            // LocalSession.bind holds this lock from its "still open?" check until its uid is set: waiting for it
            // here means a bind racing this close either fails that check or has its uid removed just below
            uid = session.uid();
        }
        if (uid != null) {
            // only if it still points at this session: a quick reconnect may already own the uid
            byUid.remove(uid, session);
        }
        session.closed();
    }

    void bind(LocalSession session, String uid) {
        if (!byId.containsKey(session.id())) {
            // binding a session that already closed would leak its uid into the index
            throw new PitayaException(PitayaException.UNKNOWN, "session is closed");
        }
        LocalSession previous = byUid.put(uid, session);
        if (previous != null && previous != session) {
            previous.agent().close("uid " + uid + " bound by a newer session");
        }
    }

    public Optional<LocalSession> local(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<Session> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<Session> byUid(String uid) {
        return Optional.ofNullable(byUid.get(uid));
    }

    @Override
    public int count() {
        return byId.size();
    }

    public Collection<LocalSession> all() {
        return List.copyOf(byId.values());
    }

    /** The agents of all sessions, for the heartbeat monitor. */
    public List<Agent> agents() {
        List<Agent> agents = new ArrayList<>(byId.size());
        for (LocalSession s : byId.values()) {
            agents.add(s.agent());
        }
        return agents;
    }
}
