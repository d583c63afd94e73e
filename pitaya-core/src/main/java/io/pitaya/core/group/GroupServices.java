package io.pitaya.core.group;

import io.pitaya.core.config.ConfigReader;
import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * Chooses the group service by {@code pitaya.groups.service}: {@code memory} (the default, this server's memory) or
 * the name of a {@link GroupServiceProvider} bean ({@code etcd} when {@code pitaya-cluster} is deployed).
 */
public final class GroupServices {

    public static final String SERVICE = "pitaya.groups.service";
    public static final String MEMORY = "memory";

    private GroupServices() {
    }

    /** The configured service's name, lower case; {@code memory} when unset. */
    public static String configured(Config config) {
        return ConfigReader.string(config, SERVICE).map(s -> s.toLowerCase(java.util.Locale.ROOT)).orElse(MEMORY);
    }

    /**
     * The configured service, not started yet; the memory service when the configuration names none.
     *
     * @throws IllegalStateException when no provider has the configured name
     */
    public static GroupService create(Config config, ThreadFactory threads, Iterable<GroupServiceProvider> providers) {
        String name = configured(config);
        if (name.equals(MEMORY)) {
            return new MemoryGroupService();
        }
        List<String> known = new ArrayList<>(List.of(MEMORY));
        for (GroupServiceProvider provider : providers) {
            if (provider.name().equalsIgnoreCase(name)) {
                return provider.create(config, threads);
            }
            known.add(provider.name());
        }
        throw new IllegalStateException(SERVICE + "=" + name + " but no such group service is deployed (known: "
                + String.join(", ", known) + (name.equals("etcd") ? "; etcd groups come with pitaya-cluster" : "")
                + ")");
    }
}
