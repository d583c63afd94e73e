package io.pitaya.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Stereotype;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a CDI bean whose public methods are remotes: methods other servers call through {@link Rpc} (Pitaya's
 * {@code app.RegisterRemote}, called with {@code app.RPC}/{@code app.RPCTo}) at {@code serverType.service.method}.
 * Clients cannot reach them.
 *
 * <p>Names follow {@link Handler}'s rules: the service is {@link #value()} or the lower-cased simple class name, a
 * method's name is lower-cased unless it carries {@link Route}; {@link Ignore} keeps a method out.
 *
 * <p>A remote takes at most one parameter, the argument, and returns the reply ({@code void}: an empty reply).
 * A generated protobuf message travels as protobuf bytes (what Go Pitaya's remotes take and return), a
 * {@code byte[]} as it is, anything else as JSON. A remote that throws answers the caller with the error: a
 * {@link PitayaException} keeps its code, message and metadata, anything else becomes {@code PIT-000} with its
 * message.
 *
 * <p>This is a stereotype carrying {@code @ApplicationScoped}: annotated classes are discovered as beans.
 */
@Stereotype
@ApplicationScoped
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Remote {
    /** The service name; empty means the lower-cased simple class name. */
    String value() default "";
}
