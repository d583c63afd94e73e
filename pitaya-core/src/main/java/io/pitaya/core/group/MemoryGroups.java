package io.pitaya.core.group;

import io.pitaya.api.Serializer;
import io.pitaya.api.Sessions;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/** {@link ServiceGroups} over a {@link MemoryGroupService} of its own, with the janitor at hand (tests, embedding). */
public final class MemoryGroups extends ServiceGroups {

    private final MemoryGroupService memory;

    public MemoryGroups(Sessions sessions, Serializer serializer) {
        this(sessions, serializer, System::nanoTime);
    }

    /** With a clock of its own (nanoseconds, like {@link System#nanoTime()}), for tests. */
    public MemoryGroups(Sessions sessions, Serializer serializer, LongSupplier nanoClock) {
        this(new MemoryGroupService(nanoClock), sessions, serializer);
    }

    private MemoryGroups(MemoryGroupService memory, Sessions sessions, Serializer serializer) {
        super(memory, sessions, serializer);
        this.memory = memory;
    }

    /** Always memory: these groups are this object's own. */
    @Override
    public void use(GroupService replacement) {
        throw new UnsupportedOperationException("MemoryGroups keeps its groups in memory");
    }

    /** Starts deleting expired groups every {@code tick} (Pitaya's {@code pitaya.groups.memory.tickduration}). */
    public void startJanitor(ScheduledExecutorService scheduler, Duration tick) {
        memory.startJanitor(scheduler, tick);
    }

    public void stopJanitor() {
        memory.stopJanitor();
    }

    /** Deletes the groups whose TTL has passed; returns their names. What the janitor runs every tick. */
    public List<String> expire() {
        return memory.expire();
    }
}
