package io.pitaya.core.testing;

import jakarta.enterprise.inject.AmbiguousResolutionException;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Just enough of a CDI {@link BeanManager} for code that looks beans up by type and qualifier: beans are
 * registered with their types, qualifiers and instance; everything else throws.
 */
public final class FakeBeans {

    private record Entry(Bean<?> bean, Set<Type> types, Set<Annotation> qualifiers, Supplier<Object> instance) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Adds a bean of {@code type} (and its class) with these qualifiers; {@code @Any} is implied. */
    public FakeBeans add(Class<?> beanClass, Type type, Supplier<Object> instance, Annotation... qualifiers) {
        Set<Annotation> q = new LinkedHashSet<>(List.of(qualifiers));
        q.add(jakarta.enterprise.inject.Any.Literal.INSTANCE);
        if (q.stream().allMatch(a -> a instanceof jakarta.enterprise.inject.Any || a instanceof jakarta.inject.Named)) {
            q.add(jakarta.enterprise.inject.Default.Literal.INSTANCE); // CDI's rule for beans without other qualifiers
        }
        Set<Type> types = Set.of(type, Object.class);
        Bean<?> bean = (Bean<?>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Bean.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getQualifiers" -> q;
                    case "getBeanClass" -> beanClass;
                    case "getTypes" -> types;
                    case "toString" -> "FakeBean[" + beanClass.getName() + "]";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        entries.add(new Entry(bean, types, q, instance));
        return this;
    }

    public BeanManager manager() {
        return (BeanManager) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{BeanManager.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getBeans" -> beans((Type) args[0], (Annotation[]) args[1]);
                    case "resolve" -> resolve((Set<?>) args[0]);
                    case "getReference" -> entries.stream().filter(e -> e.bean() == args[0]).findFirst()
                            .orElseThrow().instance().get();
                    case "createCreationalContext" -> null;
                    case "toString" -> "FakeBeanManager";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Set<Bean<?>> beans(Type type, Annotation[] qualifiers) {
        List<Annotation> wanted = qualifiers.length == 0
                ? List.of(jakarta.enterprise.inject.Default.Literal.INSTANCE) : List.of(qualifiers);
        Set<Bean<?>> found = new LinkedHashSet<>();
        for (Entry e : entries) {
            if (e.types().contains(type) && e.qualifiers().containsAll(wanted)) {
                found.add(e.bean());
            }
        }
        return found;
    }

    private static Bean<?> resolve(Set<?> beans) {
        if (beans.size() > 1) {
            throw new AmbiguousResolutionException("ambiguous: " + beans);
        }
        return beans.isEmpty() ? null : (Bean<?>) beans.iterator().next();
    }
}
