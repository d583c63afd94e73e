package io.pitaya.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Stereotype;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a CDI bean whose public methods are client handlers, reachable at {@code service.method}
 * (or {@code serverType.service.method}).
 *
 * <p>The service name is {@link #value()} or, by default, the lower-cased simple class name; method names
 * are lower-cased too unless a method carries {@link Route}. This matches Pitaya's usual
 * {@code WithNameFunc(strings.ToLower)} naming, so {@code class Room { join(...) }} answers {@code room.join}.
 *
 * <p>A method that returns {@code void} is a notify handler; any other return type makes a request handler.
 * Parameters may be a {@link Session}, a {@code byte[]} (raw payload) and at most one other type, which is
 * deserialized from the payload with the configured serializer.
 *
 * <p>This is a stereotype carrying {@code @ApplicationScoped}: annotated classes are discovered as beans without
 * any registration code.
 */
@Stereotype
@ApplicationScoped
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Handler {
    /** The service name; empty means the lower-cased simple class name. */
    String value() default "";
}
