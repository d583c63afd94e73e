package io.pitaya.cluster.groups;

import io.pitaya.cluster.config.SettingSource;
import io.pitaya.core.group.GroupService;
import io.pitaya.core.group.GroupServiceProvider;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

import java.util.concurrent.ThreadFactory;

/** Offers Pitaya's etcd groups to the core: {@code pitaya.groups.service=etcd}, settings {@code pitaya.groups.etcd.*}. */
@ApplicationScoped
public class EtcdGroupServiceProvider implements GroupServiceProvider {

    public static final String NAME = "etcd";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GroupService create(Config config, ThreadFactory threads) {
        return new EtcdGroups(EtcdGroupSettings.from(SettingSource.of(key -> config.getOptionalValue(key, String.class))),
                threads);
    }
}
