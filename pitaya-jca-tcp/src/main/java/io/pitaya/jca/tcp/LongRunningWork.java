package io.pitaya.jca.tcp;

import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkContextProvider;

import java.util.List;

/**
 * A selector or acceptor loop run as container-managed work. Marked long-running so the container takes it from
 * its long-running pool instead of tying up the short-running threads other work needs.
 */
final class LongRunningWork implements Work, WorkContextProvider {

    private final String name;
    private final Runnable loop;

    LongRunningWork(String name, Runnable loop) {
        this.name = name;
        this.loop = loop;
    }

    @Override
    public void run() {
        Thread thread = Thread.currentThread();
        String previous = thread.getName();
        thread.setName(name);
        try {
            loop.run();
        } finally {
            thread.setName(previous);
        }
    }

    @Override
    public void release() {
        // the loop stops when its acceptor closes; nothing to interrupt here
    }

    @Override
    public List<WorkContext> getWorkContexts() {
        HintsContext hints = new HintsContext();
        hints.setName(name);
        hints.setHint(HintsContext.LONGRUNNING_HINT, Boolean.TRUE);
        return List.of(hints);
    }
}
