package io.pitaya.core.group;

import io.pitaya.api.Groups;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Serializer;
import io.pitaya.api.Session;
import io.pitaya.api.Sessions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Groups held in this server's memory (Pitaya's memory group service): members are uids. */
public final class MemoryGroups implements Groups {

    private final Map<String, Set<String>> groups = new ConcurrentHashMap<>();
    private final Sessions sessions;
    private final Serializer serializer;

    public MemoryGroups(Sessions sessions, Serializer serializer) {
        this.sessions = sessions;
        this.serializer = serializer;
    }

    @Override
    public void create(String group) {
        if (!createIfAbsent(group)) {
            throw error("group already exists");
        }
    }

    @Override
    public boolean createIfAbsent(String group) {
        return groups.putIfAbsent(group, new LinkedHashSet<>()) == null;
    }

    @Override
    public void add(String group, String uid) {
        if (uid == null || uid.isEmpty()) {
            throw error("empty uid");
        }
        Set<String> members = existing(group);
        synchronized (members) {
            if (!members.add(uid)) {
                throw error("member already exists in group");
            }
        }
    }

    @Override
    public void remove(String group, String uid) {
        Set<String> members = existing(group);
        synchronized (members) {
            if (!members.remove(uid)) {
                throw error("member not found in the group");
            }
        }
    }

    @Override
    public List<String> members(String group) {
        Set<String> members = existing(group);
        synchronized (members) {
            return new ArrayList<>(members);
        }
    }

    @Override
    public boolean contains(String group, String uid) {
        Set<String> members = groups.get(group);
        if (members == null) {
            return false;
        }
        synchronized (members) {
            return members.contains(uid);
        }
    }

    @Override
    public int count(String group) {
        Set<String> members = existing(group);
        synchronized (members) {
            return members.size();
        }
    }

    @Override
    public void removeAll(String group) {
        Set<String> members = existing(group);
        synchronized (members) {
            members.clear();
        }
    }

    @Override
    public void delete(String group) {
        groups.remove(group);
    }

    @Override
    public void broadcast(String group, String route, Object payload) {
        // serialize once for every member, as Pitaya does
        byte[] data = payload instanceof byte[] raw ? raw : serializer.marshal(payload);
        for (String uid : members(group)) {
            Optional<Session> session = sessions.byUid(uid);
            session.ifPresent(s -> s.push(route, data));
        }
    }

    private Set<String> existing(String group) {
        Set<String> members = groups.get(group);
        if (members == null) {
            throw error("group not found");
        }
        return members;
    }

    private static PitayaException error(String message) {
        return new PitayaException(PitayaException.UNKNOWN, message);
    }
}
