package io.pitaya.api;

import jakarta.inject.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names an application's {@link Serializer} bean so that {@code pitaya.serializer=<name>} selects it.
 *
 * <pre>{@code
 * @ApplicationScoped
 * @SerializerName("msgpack")
 * public class MsgPackSerializer implements Serializer { ... }
 * }</pre>
 *
 * <p>A CDI qualifier: unlike {@code @Named}, it does not also make the bean the {@code @Default}
 * {@code Serializer}, so {@code @Inject Serializer} keeps resolving to the server's active serializer.
 * ({@code @Named("msgpack")} works for selection too, but then that bean competes with the active serializer
 * for {@code @Inject Serializer}.) A bean named {@code json} or {@code protobuf} replaces the built-in of that
 * name.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
public @interface SerializerName {

    /** The name {@code pitaya.serializer} refers to. */
    String value();

    /** For programmatic lookups: {@code CDI.current().select(Serializer.class, SerializerName.Literal.of("msgpack"))}. */
    final class Literal extends jakarta.enterprise.util.AnnotationLiteral<SerializerName> implements SerializerName {
        private static final long serialVersionUID = 1L;
        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        public static Literal of(String value) {
            return new Literal(value);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
