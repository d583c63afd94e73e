package io.pitaya.it;

import io.pitaya.it.app.TestService;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

import java.io.File;
import java.net.URI;

/** The archives the integration tests deploy: always the real EAR the build produced. */
final class Deployments {

    static final URI WS = URI.create("ws://127.0.0.1:8080/");
    static final URI TCP = URI.create("tcp://127.0.0.1:3250");
    static final String HTTP = "http://127.0.0.1:8080";

    private Deployments() {
    }

    /** The EAR exactly as users get it (chat demo, default settings). */
    static EnterpriseArchive demoEar() {
        File ear = new File(System.getProperty("pitaya.ear", "../ear/target/pitaya.ear"));
        if (!ear.isFile()) {
            throw new IllegalStateException("build the EAR first (mvn install): " + ear.getAbsolutePath());
        }
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
    }

    /**
     * The real EAR plus a library with Pitaya's end-to-end test handlers (service {@code testsvc}) and settings
     * that make timing tests fast: server type {@code connector}, heartbeat 1 s.
     */
    static EnterpriseArchive earWithTestApp() {
        JavaArchive app = ShrinkWrap.create(JavaArchive.class, "pitaya-it-app.jar")
                .addPackage(TestService.class.getPackage())
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsManifestResource("it-app-config.properties", "microprofile-config.properties");
        return demoEar().addAsLibrary(app);
    }
}
