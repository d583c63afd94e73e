package io.pitaya.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

import java.io.File;

/**
 * The real EAR with the libpitaya test-server example (examples/libpitaya-servers) in lib/: server type
 * {@code connector} (the chat demo in the same EAR says {@code chat}), listening where the other tests expect the
 * server (TCP 3250, WebSocket at /).
 */
final class LibpitayaServerDeployments {

    private LibpitayaServerDeployments() {
    }

    static EnterpriseArchive json() {
        return withExample("pitaya.serializertype=1\n");
    }

    static EnterpriseArchive protobuf() {
        return withExample("pitaya.serializertype=2\n");
    }

    private static EnterpriseArchive withExample(String serializer) {
        File jar = new File(System.getProperty("pitaya.example.libpitaya",
                "../examples/libpitaya-servers/app/target/pitaya-example-libpitaya-servers-0.1.0-SNAPSHOT.jar"));
        if (!jar.isFile()) {
            throw new IllegalStateException("build the example first (mvn install): " + jar.getAbsolutePath());
        }
        JavaArchive example = ShrinkWrap.createFromZipFile(JavaArchive.class, jar);
        JavaArchive settings = ShrinkWrap.create(JavaArchive.class, "pitaya-it-libpitaya-settings.jar")
                .addAsManifestResource(new StringAsset("config_ordinal=500\n"
                        + "pitaya.server.type=connector\n"
                        + "pitaya.acceptor.tcp.port=3250\n"
                        + serializer), "microprofile-config.properties");
        // named like an application of its own: the TCP adapter binds inside whichever EAR carries it
        return ShrinkWrap.create(EnterpriseArchive.class, "libpitaya-servers.ear")
                .merge(Deployments.demoEar())
                .addAsLibraries(example, settings);
    }
}
