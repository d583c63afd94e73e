package io.pitaya.it;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A suite that inspects what only WildFly has (its heap's module class loaders, its management model...); the
 * integration-tests module's {@code payara} profile leaves the tag {@code wildfly-only} out. Suites that need
 * WildFly's classes to compile (its management client) are left out of the profile's test compilation instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("wildfly-only")
public @interface WildFlyOnly {
}
