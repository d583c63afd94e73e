package io.pitaya.core.cdi;

import io.pitaya.core.config.PitayaConfig;
import io.pitaya.core.config.RouteDictionaryConfig;
import io.pitaya.core.docs.DocsRoutes;
import io.pitaya.core.serialize.SerializerBeans;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import org.eclipse.microprofile.config.Config;

import java.util.logging.Logger;

/**
 * Checks the serializer choice and the route dictionary while the container validates the deployment, so that a
 * mistake ({@code pitaya.serializer=msgpak}, {@code pitaya.handler.dictionary=room.join:1,onMessage:1}, two
 * {@code RouteDictionary} beans...) fails the deployment as a definition error with its reason, before any component
 * or acceptor starts. (Failing later, in the startup bean, leaves the server's other components waiting for a
 * startup that never completes.) {@link io.pitaya.core.cdi.PitayaBeans} applies the same rules when it builds the
 * server.
 */
public class SerializationSettingsCheck implements Extension {

    private static final Logger LOG = Logger.getLogger(SerializationSettingsCheck.class.getName());

    void check(@Observes AfterDeploymentValidation event, BeanManager beanManager) {
        Config config;
        try {
            config = beanManager.createInstance().select(Config.class).get();
        } catch (RuntimeException e) {
            LOG.fine(() -> "no MicroProfile Config bean here, settings are checked at startup: " + e);
            return;
        }
        try {
            PitayaConfig pitaya = PitayaConfig.from(config);
            SerializerBeans.select(config, pitaya, beanManager);
            RouteDictionaryConfig.from(config, beanManager);
            DocsRoutes.enabled(config);
        } catch (RuntimeException e) {
            event.addDeploymentProblem(new IllegalArgumentException("Pitaya: " + e.getMessage(), e));
        }
    }
}
