package io.pitaya.api;

import java.util.List;

/**
 * Named groups of user ids on this server, with broadcast. Members are uids, so a session must be bound
 * before it can receive a group broadcast. Errors use Pitaya's wording (e.g. "group not found").
 */
public interface Groups {

    /** @throws PitayaException "group already exists" */
    void create(String group);

    /** Creates the group unless it exists; returns true when it was created. */
    boolean createIfAbsent(String group);

    /** @throws PitayaException "empty uid", "group not found", "member already exists in group" */
    void add(String group, String uid);

    /** @throws PitayaException "group not found", "member not found in the group" */
    void remove(String group, String uid);

    /** @throws PitayaException "group not found" */
    List<String> members(String group);

    boolean contains(String group, String uid);

    /** @throws PitayaException "group not found" */
    int count(String group);

    /** Removes every member, keeping the group. */
    void removeAll(String group);

    void delete(String group);

    /**
     * Pushes {@code payload} on {@code route} to every member connected to this server.
     *
     * @throws PitayaException "group not found"
     */
    void broadcast(String group, String route, Object payload);
}
