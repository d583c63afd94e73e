package io.pitaya.it;

import io.pitaya.it.pipeline.PipeService;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The real EAR plus the pipelines-and-limits test library: service {@code pipe}, its hooks, and
 * {@code pipeline-app-config.properties} (heartbeat 1 s, struct validation on, 2 handler threads, rate limit 10
 * packets/s, handshake deadline 2 s, packets up to 4096 bytes).
 */
final class PipelineDeployments {

    private PipelineDeployments() {
    }

    /** @param extraConfig more {@code key=value} lines for the library's microprofile-config.properties */
    static EnterpriseArchive earWithPipelineApp(String... extraConfig) {
        StringBuilder config = new StringBuilder(resource("pipeline-app-config.properties"));
        for (String line : extraConfig) {
            config.append('\n').append(line);
        }
        JavaArchive app = ShrinkWrap.create(JavaArchive.class, "pitaya-it-pipeline.jar")
                .addPackage(PipeService.class.getPackage())
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsManifestResource(new StringAsset(config.append('\n').toString()), "microprofile-config.properties");
        return Deployments.demoEar().addAsLibrary(app);
    }

    private static String resource(String name) {
        try (InputStream in = PipelineDeployments.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
