package io.pitaya.core.remote;

import io.pitaya.api.PitayaException;
import io.pitaya.api.pipeline.AfterRemote;
import io.pitaya.api.pipeline.BeforeRemote;
import io.pitaya.core.handler.HandlerPipeline.Entry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The hooks around every remote call (Pitaya's {@code RemoteHooks}), in priority order (lowest first; equal
 * priorities by name), with Go Pitaya's semantics: a before hook that throws aborts the call with {@code PIT-500} and
 * its message; every after hook runs and may replace the result or the error. Immutable; shared by all threads.
 */
public final class RemotePipeline {

    public static final RemotePipeline EMPTY = builder().build();

    /** Calls the remote with the (possibly replaced) argument. */
    @FunctionalInterface
    interface Invoker {
        Object invoke(Object argument) throws Throwable;
    }

    private final List<Entry<BeforeRemote>> before;
    private final List<Entry<AfterRemote>> after;

    private RemotePipeline(List<Entry<BeforeRemote>> before, List<Entry<AfterRemote>> after) {
        this.before = before;
        this.after = after;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return before.isEmpty() && after.isEmpty();
    }

    /**
     * @return the remote's reply (may be null)
     * @throws RuntimeException or Error: what the caller gets
     */
    Object run(RemoteCall call, Invoker remote) {
        for (Entry<BeforeRemote> entry : before) {
            try {
                entry.hook().beforeRemote(call);
            } catch (Exception e) {
                // Go answers a broken remote pipeline with ErrInternalCode and the error's text only
                throw new PitayaException(PitayaException.INTERNAL, String.valueOf(e.getMessage()), Map.of(), e);
            }
        }
        try {
            call.setResult(remote.invoke(call.argument()));
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            call.setError(t);
        }
        for (Entry<AfterRemote> entry : after) {
            try {
                entry.hook().afterRemote(call);
            } catch (Exception e) {
                call.setError(e);
            }
        }
        Throwable error = call.error();
        if (error == null) {
            return call.result();
        }
        if (error instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        throw new PitayaException(PitayaException.UNKNOWN, String.valueOf(error.getMessage()), Map.of(), error);
    }

    @Override
    public String toString() {
        return "before " + before.stream().map(e -> e.name() + "(" + e.priority() + ")").toList()
                + ", after " + after.stream().map(e -> e.name() + "(" + e.priority() + ")").toList();
    }

    public static final class Builder {
        private final List<Entry<BeforeRemote>> before = new ArrayList<>();
        private final List<Entry<AfterRemote>> after = new ArrayList<>();

        public Builder before(BeforeRemote hook, int priority, String name) {
            before.add(new Entry<>(hook, priority, name));
            return this;
        }

        public Builder after(AfterRemote hook, int priority, String name) {
            after.add(new Entry<>(hook, priority, name));
            return this;
        }

        public RemotePipeline build() {
            return new RemotePipeline(sorted(before), sorted(after));
        }

        private static <T> List<Entry<T>> sorted(List<Entry<T>> entries) {
            List<Entry<T>> copy = new ArrayList<>(entries);
            copy.sort(Comparator.<Entry<T>>comparingInt(Entry::priority).thenComparing(Entry::name));
            return List.copyOf(copy);
        }
    }
}
