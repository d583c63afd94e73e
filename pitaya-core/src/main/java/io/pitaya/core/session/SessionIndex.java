package io.pitaya.core.session;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sessions of this server by id and by bound uid. A message never looks its session up here: the link that
 * received it holds the session; the index serves lookups by id or uid (pushes, kicks, groups) and counts.
 */
public final class SessionIndex {

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, LinkedSession> byId = new ConcurrentHashMap<>();
    private final Map<String, LinkedSession> byUid = new ConcurrentHashMap<>();

    /** Session ids start at 1, like Pitaya's. */
    public long nextId() {
        return ids.incrementAndGet();
    }

    void add(LinkedSession session) {
        byId.put(session.id(), session);
    }

    /** False when the session was not (or no longer) indexed. */
    boolean remove(LinkedSession session) {
        return byId.remove(session.id(), session);
    }

    boolean contains(LinkedSession session) {
        return byId.get(session.id()) == session;
    }

    /** Makes {@code session} reachable by {@code uid}; returns the session that had the uid before, if another. */
    LinkedSession bindUid(String uid, LinkedSession session) {
        LinkedSession previous = byUid.put(uid, session);
        return previous == session ? null : previous;
    }

    /** Forgets the uid, only if it still points at {@code session} (a quick reconnect may already own it). */
    void unbindUid(String uid, LinkedSession session) {
        byUid.remove(uid, session);
    }

    public LinkedSession byId(long id) {
        return byId.get(id);
    }

    public LinkedSession byUid(String uid) {
        return uid == null ? null : byUid.get(uid);
    }

    public int count() {
        return byId.size();
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }

    /** A live view, weakly consistent while sessions come and go. */
    public Collection<LinkedSession> sessions() {
        return byId.values();
    }

    public List<LinkedSession> snapshot() {
        return List.copyOf(byId.values());
    }
}
