package io.pitaya.core.group;

import java.time.Duration;
import java.util.List;
import java.util.SortedMap;

/**
 * Where groups are kept (Pitaya's {@code GroupService}): this server's memory, or a store shared by the cluster
 * (etcd). Only storage: broadcasting is {@link ServiceGroups}' job. Members are uids. Errors are
 * {@link io.pitaya.api.PitayaException}s with code {@code PIT-000} and Pitaya's messages, so that a handler letting one
 * through answers the client as Pitaya would; a store that cannot be reached answers one too (its message says why).
 *
 * <p>{@link #start} runs before the application's components start, {@link #stop} after they stopped.
 */
public interface GroupService {

    /** Gets ready (connects, starts timers); throws when the service cannot run, which fails the deployment. */
    default void start(GroupServiceContext context) throws Exception {
    }

    /** Releases everything; must not throw, and may be called when {@link #start} failed or never ran. */
    default void stop() {
    }

    /** @throws io.pitaya.api.PitayaException "group already exists" */
    void create(String group);

    /**
     * A group that expires {@code ttl} after it was created or last {@link #renewTTL renewed}.
     *
     * @throws io.pitaya.api.PitayaException "group already exists"
     * @throws IllegalArgumentException a TTL that is not positive
     */
    void createWithTTL(String group, Duration ttl);

    /** Creates the group (without TTL) unless it exists; true when this call created it. */
    boolean createIfAbsent(String group);

    /** @throws io.pitaya.api.PitayaException "group not found", "member already exists in group" */
    void add(String group, String uid);

    /** @throws io.pitaya.api.PitayaException "member not found in the group" (memory: also "group not found") */
    void remove(String group, String uid);

    /** A copy of the members. @throws io.pitaya.api.PitayaException "group not found" */
    List<String> members(String group);

    /** @throws io.pitaya.api.PitayaException "group not found" */
    boolean contains(String group, String uid);

    /** The number of members (memory: "group not found" for a missing group; etcd: 0, as Pitaya). */
    int count(String group);

    /** Removes every member, keeping the group. @throws io.pitaya.api.PitayaException "group not found" */
    void removeAll(String group);

    /** Restarts the TTL. @throws io.pitaya.api.PitayaException "group not found", or the service's "no TTL" error */
    void renewTTL(String group);

    /** Deletes the group and its members. @throws io.pitaya.api.PitayaException "group not found" */
    void delete(String group);

    /**
     * Every group and its number of members, by name: what an operator looks at (the admin page), not for handlers'
     * hot paths. A shared store reads all its group keys for it.
     */
    SortedMap<String, Integer> sizes();
}
