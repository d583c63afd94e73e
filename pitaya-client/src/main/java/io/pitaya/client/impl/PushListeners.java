package io.pitaya.client.impl;

import io.pitaya.client.PushListener;
import io.pitaya.client.Registration;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Push listeners, per route and for every route; a push goes to the route's listeners first. */
final class PushListeners {

    private final CopyOnWriteArrayList<PushListener> all;
    private final ConcurrentHashMap<String, CopyOnWriteArrayList<PushListener>> byRoute = new ConcurrentHashMap<>();
    private final ClientThreads threads;

    PushListeners(List<PushListener> initial, Map<String, List<PushListener>> initialByRoute,
                  ClientThreads threads) {
        this.all = new CopyOnWriteArrayList<>(initial);
        initialByRoute.forEach((route, list) -> byRoute.put(route, new CopyOnWriteArrayList<>(list)));
        this.threads = threads;
    }

    Registration add(String route, PushListener listener) {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(listener, "listener");
        CopyOnWriteArrayList<PushListener> list = byRoute.computeIfAbsent(route, r -> new CopyOnWriteArrayList<>());
        list.add(listener);
        return () -> list.remove(listener);
    }

    Registration add(PushListener listener) {
        Objects.requireNonNull(listener, "listener");
        all.add(listener);
        return () -> all.remove(listener);
    }

    /** Delivers on the listener thread; one listener throwing does not keep the push from the others. */
    void dispatch(String route, byte[] data) {
        List<PushListener> specific = byRoute.get(route);
        threads.dispatch(() -> {
            if (specific != null) {
                for (PushListener l : specific) {
                    ClientThreads.safely(() -> l.onPush(route, data), "push listener");
                }
            }
            for (PushListener l : all) {
                ClientThreads.safely(() -> l.onPush(route, data), "push listener");
            }
        });
    }
}
