package io.pitaya.cluster.module;

import io.pitaya.cluster.config.SettingSource;
import io.pitaya.core.module.ModuleContext;
import io.pitaya.core.module.PitayaModule;
import io.pitaya.core.module.PitayaModuleProvider;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Makes the core run cluster mode when this jar is deployed and {@code pitaya.cluster.enabled=true}. */
@ApplicationScoped
public class ClusterModuleProvider implements PitayaModuleProvider {

    private volatile ClusterModule module;

    @Override
    public Optional<PitayaModule> create(ModuleContext context) {
        ClusterSettings settings = ClusterSettings.from(
                SettingSource.of(key -> context.config().getOptionalValue(key, String.class)));
        if (!settings.enabled()) {
            return Optional.empty();
        }
        ClusterModule created = new ClusterModule(settings, context);
        module = created;
        return Optional.of(created);
    }

    /** The module this provider made for the running server, if cluster mode is on (for its readiness). */
    public Optional<ClusterModule> module() {
        return Optional.ofNullable(module);
    }
}
