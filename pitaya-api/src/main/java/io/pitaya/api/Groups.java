package io.pitaya.api;

import java.time.Duration;
import java.util.List;

/**
 * Named groups of user ids, with broadcast. Kept in this server's memory (Pitaya's memory group service, the
 * default) or, with {@code pitaya.groups.service=etcd}, in etcd shared by every server of the cluster (Pitaya's
 * etcd group service: where they differ, the method says so). Members are uids, so a session must be bound before
 * it can receive a group broadcast. Errors are {@link PitayaException}s with code
 * {@code PIT-000} and Pitaya's exact messages ("group not found", ...), so a handler that lets one through answers
 * the client as Pitaya would.
 */
public interface Groups {

    /** @throws PitayaException "group already exists" */
    void create(String group);

    /**
     * Creates a group that expires {@code ttl} after it was created or last {@link #renewTTL renewed}. In memory,
     * expired groups are deleted by a janitor task every {@code pitaya.groups.memory.tickduration} (30 s), so a group
     * lives between {@code ttl} and {@code ttl} + tick without renewal; in etcd the group and its members are on a
     * lease of {@code ttl} in whole seconds, which etcd expires.
     *
     * @throws PitayaException "group already exists"
     */
    void createWithTTL(String group, Duration ttl);

    /** Creates the group unless it exists; returns true when it was created. */
    boolean createIfAbsent(String group);

    /** @throws PitayaException "empty uid", "group not found", "member already exists in group" */
    void add(String group, String uid);

    /** @throws PitayaException "group not found" (memory only), "member not found in the group" */
    void remove(String group, String uid);

    /**
     * A copy of the members: in memory in the order they were added, in etcd in key order.
     *
     * @throws PitayaException "group not found"
     */
    List<String> members(String group);

    /** @throws PitayaException "empty uid", "group not found" */
    boolean contains(String group, String uid);

    /** The number of members. @throws PitayaException "group not found" (memory; etcd counts 0, as Pitaya) */
    int count(String group);

    /** Removes every member, keeping the group. @throws PitayaException "group not found" */
    void removeAll(String group);

    /**
     * Restarts the TTL of a group created with {@link #createWithTTL}.
     *
     * @throws PitayaException "group not found", "memory group TTL not found" (a group without TTL; etcd: "etcd lease not found in group")
     */
    void renewTTL(String group);

    /** Deletes the group and its members. @throws PitayaException "group not found" */
    void delete(String group);

    /**
     * Pushes {@code payload} on {@code route} to every member, like {@link Sessions#pushToUsers}: serialized once
     * ({@code byte[]} goes out raw), queued for each member's session on this server.
     *
     * @return the members that were not reached (not connected to this server, or closed); empty when all were
     * @throws PitayaException "group not found"
     */
    List<String> broadcast(String group, String route, Object payload);

    /**
     * Pushes {@code payload} on {@code route} to every member wherever it is connected on a frontend of
     * {@code frontendType} (Pitaya's {@code GroupBroadcast}): the members, then
     * {@link Sessions#pushToUsers(String, Object, java.util.Collection, String)} with the payload serialized once. A
     * member with a session on this server (when this server is of that type) gets it directly; in cluster mode the
     * others through {@code pitaya/<frontendType>/user/<uid>/push}. With etcd groups
     * ({@code pitaya.groups.service=etcd}) every server sees the same members, so a backend can broadcast too.
     *
     * @return the members the push could not be sent to (a member connected nowhere is not known here and is not
     *         listed, as in Pitaya; standalone: the members without a session here)
     * @throws PitayaException "group not found"
     * @throws IllegalArgumentException an empty {@code frontendType}
     */
    List<String> broadcast(String frontendType, String group, String route, Object payload);
}
