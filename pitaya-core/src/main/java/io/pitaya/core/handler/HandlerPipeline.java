package io.pitaya.core.handler;

import io.pitaya.api.PitayaException;
import io.pitaya.api.pipeline.AfterHandler;
import io.pitaya.api.pipeline.BeforeHandler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The before and after hooks applied to every handler call, in priority order (lowest first; equal priorities by
 * name), with Pitaya's semantics: a before hook that throws aborts the call and skips the after hooks; every after
 * hook runs and may replace the result or the error. Immutable once built; shared by all threads.
 */
public final class HandlerPipeline {

    public static final HandlerPipeline EMPTY = builder().build();

    /** A hook with where it sits in the order and a name for logs. */
    public record Entry<T>(T hook, int priority, String name) {
    }

    /** Calls the handler with the (possibly replaced) argument. */
    @FunctionalInterface
    interface Invoker {
        Object invoke(Object argument) throws Throwable;
    }

    private final List<Entry<BeforeHandler>> before;
    private final List<Entry<AfterHandler>> after;

    private HandlerPipeline(List<Entry<BeforeHandler>> before, List<Entry<AfterHandler>> after) {
        this.before = before;
        this.after = after;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Entry<BeforeHandler>> before() {
        return before;
    }

    public List<Entry<AfterHandler>> after() {
        return after;
    }

    public boolean isEmpty() {
        return before.isEmpty() && after.isEmpty();
    }

    /**
     * Runs the hooks around the handler.
     *
     * @return what the client gets for a request (never null for requests)
     * @throws RuntimeException or Error: the error the client gets; checked exceptions arrive wrapped in a
     *                          {@code PIT-000} {@link PitayaException}
     */
    Object run(HandlerCall call, Invoker handler) {
        for (Entry<BeforeHandler> entry : before) {
            try {
                entry.hook().beforeHandler(call);
            } catch (Exception e) {
                throw unchecked(e);
            }
        }
        try {
            call.setResult(handler.invoke(call.argument()));
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            call.setError(t);
        }
        checkReply(call);
        for (Entry<AfterHandler> entry : after) {
            try {
                entry.hook().afterHandler(call);
            } catch (Exception e) {
                call.setError(e);
            }
        }
        if (!after.isEmpty()) {
            checkReply(call); // an after hook may have set a null result
        }
        if (call.error() != null) {
            throw unchecked(call.error());
        }
        return call.result();
    }

    /** Pitaya's rule: a request handler must answer something; hooks see this as the call's error. */
    private static void checkReply(HandlerCall call) {
        if (call.isRequest() && call.result() == null && call.error() == null) {
            call.setError(new PitayaException(PitayaException.UNKNOWN, "reply must not be null"));
        }
    }

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException runtime) {
            return runtime;
        }
        if (t instanceof Error error) {
            throw error;
        }
        return new PitayaException(PitayaException.UNKNOWN, String.valueOf(t.getMessage()), Map.of(), t);
    }

    @Override
    public String toString() {
        return "before " + before.stream().map(e -> e.name() + "(" + e.priority() + ")").toList()
                + ", after " + after.stream().map(e -> e.name() + "(" + e.priority() + ")").toList();
    }

    public static final class Builder {
        private final List<Entry<BeforeHandler>> before = new ArrayList<>();
        private final List<Entry<AfterHandler>> after = new ArrayList<>();

        public Builder before(BeforeHandler hook, int priority, String name) {
            before.add(new Entry<>(hook, priority, name));
            return this;
        }

        public Builder after(AfterHandler hook, int priority, String name) {
            after.add(new Entry<>(hook, priority, name));
            return this;
        }

        public HandlerPipeline build() {
            return new HandlerPipeline(sorted(before), sorted(after));
        }

        private static <T> List<Entry<T>> sorted(List<Entry<T>> entries) {
            List<Entry<T>> copy = new ArrayList<>(entries);
            copy.sort(Comparator.<Entry<T>>comparingInt(Entry::priority).thenComparing(Entry::name));
            return List.copyOf(copy);
        }
    }
}
