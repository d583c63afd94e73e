package io.pitaya.core.group;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a {@link GroupService} starts with.
 *
 * @param timers     the server's timers (container-managed threads)
 * @param memoryTick {@code pitaya.groups.memory.tickduration}: how often the memory service deletes expired groups
 */
public record GroupServiceContext(ScheduledExecutorService timers, Duration memoryTick) {
}
