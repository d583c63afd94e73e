package io.pitaya.examples.libpitaya;

import io.pitaya.api.Handler;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Makes this library either libpitaya's JSON test server or its protobuf one. Both answer routes such as
 * {@code connector.getsessiondata}, with different message types, so only one set of beans may exist: the
 * package of the serializer not in use is vetoed while the container discovers beans. Any bean class of the two
 * packages is affected, handlers and the route dictionary producer alike.
 */
public class ServerVariant implements Extension {

    private static final String JSON_PACKAGE = ServerVariant.class.getPackageName() + ".json";
    private static final String PROTOBUF_PACKAGE = ServerVariant.class.getPackageName() + ".protobuf";

    private final String unusedPackage = protobufSelected() ? JSON_PACKAGE : PROTOBUF_PACKAGE;

    <T> void vetoTheOtherServer(@Observes @WithAnnotations({Handler.class, Produces.class}) ProcessAnnotatedType<T> event) {
        if (event.getAnnotatedType().getJavaClass().getPackageName().equals(unusedPackage)) {
            event.veto();
        }
    }

    /** Pitaya's {@code pitaya.serializertype}: 1 is JSON (the default), 2 is protobuf. */
    private static boolean protobufSelected() {
        return ConfigProvider.getConfig(ServerVariant.class.getClassLoader())
                .getOptionalValue("pitaya.serializertype", Integer.class)
                .orElse(1) == 2;
    }
}
