package io.pitaya.core.group;

import org.eclipse.microprofile.config.Config;

import java.util.concurrent.ThreadFactory;

/**
 * A group service shipped outside the core (etcd groups in {@code pitaya-cluster}), found as a CDI bean so that the
 * core needs none of its libraries. {@link GroupServices} asks the one whose {@link #name()} is
 * {@code pitaya.groups.service} once, when the server starts.
 */
public interface GroupServiceProvider {

    /** The value of {@code pitaya.groups.service} that selects this service, e.g. {@code etcd}. */
    String name();

    /**
     * A new, not yet started service.
     *
     * @param config  its settings
     * @param threads where its threads come from (the container's ManagedThreadFactory)
     */
    GroupService create(Config config, ThreadFactory threads);
}
