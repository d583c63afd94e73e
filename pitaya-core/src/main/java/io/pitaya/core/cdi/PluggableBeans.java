package io.pitaya.core.cdi;

import io.pitaya.api.Serializer;
import io.pitaya.core.config.PitayaConfig;
import io.pitaya.core.config.RouteDictionaryConfig;
import io.pitaya.core.docs.DocsRoutes;
import io.pitaya.core.serialize.SerializerBeans;
import io.pitaya.protocol.message.RouteDictionary;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessBean;
import org.eclipse.microprofile.config.Config;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The application's pluggable beans the core builds the server from: its {@link Serializer} beans and its
 * {@code @Default} {@link RouteDictionary} bean, collected while the container discovers beans.
 *
 * <p>Why collect them instead of asking a {@code BeanManager}: the core is a library of the EAR, and a bean
 * manager answers with the beans visible from its own bean archive. WildFly lets every library of an EAR see the
 * others' beans; Payara does not always (a serializer in the application's jar was missing from the core's
 * {@code getBeans}). Discovery events reach an extension for every bean of the deployment on both servers.
 *
 * <p>It also checks the serializer choice and the route dictionary while the container validates the deployment, so
 * that a mistake ({@code pitaya.serializer=msgpak}, {@code pitaya.handler.dictionary=room.join:1,onMessage:1}, two
 * {@code RouteDictionary} beans...) fails the deployment as a definition error with its reason, before any component
 * or acceptor starts. (Failing later, in the startup bean, leaves the server's other components waiting for a
 * startup that never completes.) {@link PitayaBeans} applies the same rules when it builds the server.
 */
public class PluggableBeans implements Extension {

    private static final Logger LOG = Logger.getLogger(PluggableBeans.class.getName());

    private final Set<Bean<?>> serializers = new LinkedHashSet<>();
    private final Set<Bean<?>> dictionaries = new LinkedHashSet<>();

    <T> void collect(@Observes ProcessBean<T> event) {
        Bean<?> bean = event.getBean();
        if (bean.getTypes().contains(Serializer.class)) {
            serializers.add(bean);
        }
        if (bean.getTypes().contains(RouteDictionary.class) && bean.getQualifiers().contains(Default.Literal.INSTANCE)) {
            dictionaries.add(bean);
        }
    }

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
            SerializerBeans.select(config, pitaya, serializerBeans(), beanManager);
            RouteDictionaryConfig.from(config, dictionaryBeans(), beanManager);
            DocsRoutes.enabled(config);
        } catch (RuntimeException e) {
            event.addDeploymentProblem(new IllegalArgumentException("Pitaya: " + e.getMessage(), e));
        }
    }

    /** Every enabled bean of the deployment with bean type {@link Serializer}, named or not. */
    public Set<Bean<?>> serializerBeans() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(serializers));
    }

    /** Every enabled {@code @Default} bean of the deployment with bean type {@link RouteDictionary}. */
    public Set<Bean<?>> dictionaryBeans() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(dictionaries));
    }
}
