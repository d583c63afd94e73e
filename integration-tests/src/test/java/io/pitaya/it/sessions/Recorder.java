package io.pitaya.it.sessions;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the test app saw: an in-memory list the tests read through {@code sessionsvc.events}, and a side channel
 * file (chosen by the test) that survives the undeploy, for what happens while the application shuts down.
 */
@ApplicationScoped
public class Recorder {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private volatile Path file;

    public void add(String event) {
        events.add(event);
        Path f = file;
        if (f != null) {
            synchronized (this) {
                try {
                    Files.writeString(f, event + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    public List<String> events() {
        return List.copyOf(events);
    }

    public void recordTo(Path file) {
        this.file = file;
    }
}
