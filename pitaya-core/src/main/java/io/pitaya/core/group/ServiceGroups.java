package io.pitaya.core.group;

import io.pitaya.api.Groups;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Serializer;
import io.pitaya.api.Sessions;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The injectable {@link Groups}: storage in a {@link GroupService} (memory by default, etcd when configured), pushes
 * through {@link Sessions}. Like Pitaya's {@code app.Group*} calls it refuses an empty uid before asking the service.
 */
public class ServiceGroups implements Groups {

    private static final Logger LOG = Logger.getLogger(ServiceGroups.class.getName());

    private final Sessions sessions;
    private final Serializer serializer;
    private volatile GroupService service;

    public ServiceGroups(GroupService service, Sessions sessions, Serializer serializer) {
        this.service = Objects.requireNonNull(service, "service");
        this.sessions = sessions;
        this.serializer = serializer;
    }

    /** Replaces the group service; only before {@link #start}, when the configured one is known. */
    public void use(GroupService replacement) {
        this.service = Objects.requireNonNull(replacement, "service");
    }

    public GroupService service() {
        return service;
    }

    public void start(GroupServiceContext context) throws Exception {
        service.start(context);
    }

    public void stop() {
        service.stop();
    }

    @Override
    public void create(String group) {
        service.create(named(group));
    }

    @Override
    public void createWithTTL(String group, Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("group TTL must be positive: " + ttl);
        }
        service.createWithTTL(named(group), ttl);
    }

    @Override
    public boolean createIfAbsent(String group) {
        return service.createIfAbsent(named(group));
    }

    @Override
    public void add(String group, String uid) {
        checkUid(uid);
        service.add(existing(group), uid);
    }

    @Override
    public void remove(String group, String uid) {
        service.remove(existing(group), uid == null ? "" : uid);
    }

    @Override
    public List<String> members(String group) {
        return service.members(existing(group));
    }

    @Override
    public boolean contains(String group, String uid) {
        checkUid(uid);
        return service.contains(existing(group), uid);
    }

    @Override
    public int count(String group) {
        return service.count(existing(group));
    }

    @Override
    public void removeAll(String group) {
        service.removeAll(existing(group));
    }

    @Override
    public void renewTTL(String group) {
        service.renewTTL(existing(group));
    }

    @Override
    public void delete(String group) {
        service.delete(existing(group));
    }

    /** Every group and its number of members, by name (the admin page; not part of Pitaya's API). */
    public SortedMap<String, Integer> sizes() {
        return service.sizes();
    }

    @Override
    public List<String> broadcast(String group, String route, Object payload) {
        List<String> members = members(group);
        // serialize once for every member, as Pitaya does
        byte[] data = payload instanceof byte[] raw ? raw : serializer.marshal(payload);
        List<String> failed = sessions.pushToUsers(route, data, members);
        if (!failed.isEmpty()) {
            LOG.log(Level.FINE, "broadcast to group {0} on {1}: not reached {2}", new Object[]{group, route, failed});
        }
        return failed;
    }

    @Override
    public List<String> broadcast(String frontendType, String group, String route, Object payload) {
        if (frontendType == null || frontendType.isBlank()) {
            throw new IllegalArgumentException("a frontend server type is required");
        }
        List<String> members = members(group);
        byte[] data = payload instanceof byte[] raw ? raw : serializer.marshal(payload);
        List<String> failed = sessions.pushToUsers(route, data, members, frontendType);
        if (!failed.isEmpty()) {
            LOG.log(Level.FINE, "broadcast to group {0} on {1} ({2}): not sent to {3}",
                    new Object[]{group, route, frontendType, failed});
        }
        return failed;
    }

    private static String named(String group) {
        if (group == null) {
            throw new IllegalArgumentException("a group needs a name");
        }
        return group;
    }

    /** A null name is a group that cannot exist. */
    private static String existing(String group) {
        if (group == null) {
            throw error("group not found");
        }
        return group;
    }

    private static void checkUid(String uid) {
        if (uid == null || uid.isEmpty()) {
            throw error("empty uid");
        }
    }

    static PitayaException error(String message) {
        return new PitayaException(PitayaException.UNKNOWN, message);
    }
}
