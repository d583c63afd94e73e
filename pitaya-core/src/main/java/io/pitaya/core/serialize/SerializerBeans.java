package io.pitaya.core.serialize;

import io.pitaya.api.Serializer;
import io.pitaya.api.SerializerName;
import io.pitaya.core.config.PitayaConfig;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.Config;

import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/** Finds the application's {@link Serializer} beans and applies {@link Serializers}' rules to them. */
public final class SerializerBeans {

    private static final Logger LOG = Logger.getLogger(SerializerBeans.class.getName());

    private SerializerBeans() {
    }

    /** The server's serializer for this deployment, from the {@code Serializer} beans {@code beanManager} sees. */
    public static Serializer select(Config config, PitayaConfig pitaya, BeanManager beanManager) {
        return select(config, pitaya, beanManager.getBeans(Serializer.class, Any.Literal.INSTANCE), beanManager);
    }

    /** The server's serializer for this deployment, from these {@code Serializer} beans. */
    public static Serializer select(Config config, PitayaConfig pitaya, Collection<Bean<?>> candidates,
                                    BeanManager beanManager) {
        Optional<String> name = config.getOptionalValue(Serializers.SERIALIZER, String.class);
        Serializer serializer = Serializers.select(name, pitaya.serializerType(), named(candidates, beanManager));
        LOG.fine(() -> "serializer " + serializer.name() + " (" + serializer.getClass().getName() + ")");
        return serializer;
    }

    /** Every {@code Serializer} bean with a {@link SerializerName} or {@code @Named} name; duplicates fail. */
    static Map<String, Supplier<Serializer>> named(BeanManager beanManager) {
        return named(beanManager.getBeans(Serializer.class, Any.Literal.INSTANCE), beanManager);
    }

    private static Map<String, Supplier<Serializer>> named(Collection<Bean<?>> candidates, BeanManager beanManager) {
        Map<String, Supplier<Serializer>> byName = new LinkedHashMap<>();
        Map<String, Bean<?>> owners = new LinkedHashMap<>();
        for (Bean<?> bean : candidates) {
            String name = nameOf(bean);
            if (name == null) {
                continue; // e.g. the core's own producer of the active serializer
            }
            Bean<?> previous = owners.putIfAbsent(name, bean);
            if (previous != null) {
                throw new IllegalArgumentException("two Serializer beans are named \"" + name + "\": "
                        + previous.getBeanClass().getName() + " and " + bean.getBeanClass().getName());
            }
            byName.put(name, () -> (Serializer) beanManager.getReference(bean, Serializer.class,
                    beanManager.createCreationalContext(bean)));
        }
        return byName;
    }

    private static String nameOf(Bean<?> bean) {
        for (Annotation q : bean.getQualifiers()) {
            if (q instanceof SerializerName s) {
                return s.value().trim();
            }
        }
        for (Annotation q : bean.getQualifiers()) {
            if (q instanceof Named n && !n.value().isEmpty()) {
                return n.value().trim();
            }
        }
        return null;
    }
}
