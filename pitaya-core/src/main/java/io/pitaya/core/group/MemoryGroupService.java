package io.pitaya.core.group;

import io.pitaya.api.PitayaException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Groups held in this server's memory (Pitaya's memory group service, the default): members are uids, listed in the
 * order they were added; groups created with a TTL are deleted by a janitor task once {@code ttl} has passed since
 * their creation or last renewal. In a cluster each server has its own.
 */
public final class MemoryGroupService implements GroupService {

    private static final Logger LOG = Logger.getLogger(MemoryGroupService.class.getName());

    private final Map<String, Group> groups = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private ScheduledFuture<?> janitor; // guarded by this

    /** One group; its monitor guards every field. */
    private static final class Group {
        final Set<String> members = new LinkedHashSet<>();
        final long ttlNanos; // 0: no TTL
        long lastRefreshNanos;
        boolean deleted; // set once removed from the map: operations that raced the removal see "group not found"

        Group(long ttlNanos, long now) {
            this.ttlNanos = ttlNanos;
            this.lastRefreshNanos = now;
        }

        boolean expired(long now) {
            return ttlNanos != 0 && now - lastRefreshNanos > ttlNanos;
        }
    }

    public MemoryGroupService() {
        this(System::nanoTime);
    }

    /** With a clock of its own (nanoseconds, like {@link System#nanoTime()}), for tests. */
    public MemoryGroupService(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    @Override
    public void start(GroupServiceContext context) {
        startJanitor(context.timers(), context.memoryTick());
    }

    @Override
    public void stop() {
        stopJanitor();
    }

    // --- janitor -------------------------------------------------------------------------------------------

    /** Starts deleting expired groups every {@code tick} (Pitaya's {@code pitaya.groups.memory.tickduration}). */
    public synchronized void startJanitor(ScheduledExecutorService scheduler, Duration tick) {
        if (janitor != null) {
            throw new IllegalStateException("janitor already running");
        }
        long period = Math.max(1, tick.toMillis());
        janitor = scheduler.scheduleAtFixedRate(() -> {
            try {
                expire();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "group janitor failed", e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    public synchronized void stopJanitor() {
        if (janitor != null) {
            janitor.cancel(false);
            janitor = null;
        }
    }

    /** Deletes the groups whose TTL has passed; returns their names. What the janitor runs every tick. */
    public List<String> expire() {
        long now = nanoClock.getAsLong();
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, Group> entry : groups.entrySet()) {
            Group group = entry.getValue();
            synchronized (group) {
                if (!group.deleted && group.expired(now) && groups.remove(entry.getKey(), group)) {
                    group.deleted = true;
                    group.members.clear();
                    expired.add(entry.getKey());
                }
            }
        }
        if (!expired.isEmpty()) {
            LOG.log(Level.FINE, "groups expired: {0}", expired);
        }
        return expired;
    }

    // --- GroupService --------------------------------------------------------------------------------------------

    @Override
    public void create(String group) {
        if (!createIfAbsent(group)) {
            throw error("group already exists");
        }
    }

    @Override
    public void createWithTTL(String group, Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("group TTL must be positive: " + ttl);
        }
        if (groups.putIfAbsent(group, new Group(ttl.toNanos(), nanoClock.getAsLong())) != null) {
            throw error("group already exists");
        }
    }

    @Override
    public boolean createIfAbsent(String group) {
        return groups.putIfAbsent(group, new Group(0, nanoClock.getAsLong())) == null;
    }

    @Override
    public void add(String group, String uid) {
        checkUid(uid);
        Group g = existing(group);
        synchronized (g) {
            checkNotDeleted(g);
            if (!g.members.add(uid)) {
                throw error("member already exists in group");
            }
        }
    }

    @Override
    public void remove(String group, String uid) {
        Group g = existing(group);
        synchronized (g) {
            checkNotDeleted(g);
            if (!g.members.remove(uid)) {
                throw error("member not found in the group");
            }
        }
    }

    @Override
    public List<String> members(String group) {
        Group g = existing(group);
        synchronized (g) {
            checkNotDeleted(g);
            return new ArrayList<>(g.members);
        }
    }

    @Override
    public boolean contains(String group, String uid) {
        checkUid(uid);
        Group g = existing(group);
        synchronized (g) {
            checkNotDeleted(g);
            return g.members.contains(uid);
        }
    }

    @Override
    public int count(String group) {
        Group g = existing(group);
        synchronized (g) {
            checkNotDeleted(g);
            return g.members.size();
        }
    }

    @Override
    public void removeAll(String group) {
        Group g = existing(group);
        synchronized (g) {
            checkNotDeleted(g);
            g.members.clear();
        }
    }

    @Override
    public void renewTTL(String group) {
        Group g = existing(group);
        synchronized (g) {
            checkNotDeleted(g);
            if (g.ttlNanos == 0) {
                throw error("memory group TTL not found");
            }
            g.lastRefreshNanos = nanoClock.getAsLong();
        }
    }

    @Override
    public void delete(String group) {
        Group g = existing(group);
        synchronized (g) {
            checkNotDeleted(g);
            groups.remove(group, g);
            g.deleted = true;
            g.members.clear();
        }
    }

    @Override
    public SortedMap<String, Integer> sizes() {
        SortedMap<String, Integer> sizes = new TreeMap<>();
        for (Map.Entry<String, Group> entry : groups.entrySet()) {
            Group g = entry.getValue();
            synchronized (g) {
                if (!g.deleted) {
                    sizes.put(entry.getKey(), g.members.size());
                }
            }
        }
        return sizes;
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private Group existing(String group) {
        Group g = group == null ? null : groups.get(group);
        if (g == null) {
            throw error("group not found");
        }
        return g;
    }

    private static void checkNotDeleted(Group g) {
        if (g.deleted) {
            throw error("group not found");
        }
    }

    private static void checkUid(String uid) {
        if (uid == null || uid.isEmpty()) {
            throw error("empty uid");
        }
    }

    private static PitayaException error(String message) {
        return new PitayaException(PitayaException.UNKNOWN, message);
    }
}
