package io.pitaya.cluster.it.support;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The example's room.ear with the tests' probe handlers ({@code io.pitaya.cluster.it.probe}) added to its lib/, and
 * its connector.ear with the tests' server router ({@code io.pitaya.cluster.it.routing}); both with the tracing probe
 * ({@code io.pitaya.cluster.it.tracing}) and the OpenTelemetry SDK it records spans with.
 */
final class ProbeEar {

    static final String PROBE_PACKAGE = "io/pitaya/cluster/it/probe";
    static final String ROUTING_PACKAGE = "io/pitaya/cluster/it/routing";
    static final String TRACING_PACKAGE = "io/pitaya/cluster/it/tracing";
    /** One class of each OpenTelemetry SDK jar the tracing probe needs (the EARs bundle the API already). */
    static final List<Class<?>> TRACING_LIBRARIES = List.of(OpenTelemetrySdk.class, SdkTracerProvider.class,
            Resource.class, SdkMeterProvider.class, SdkLoggerProvider.class);

    private ProbeEar() {
    }

    /**
     * {@code ear} with the test classes of each of {@code classPackages} (paths) as a bean archive in its lib/, and
     * the jars holding {@code libraries} as they are.
     */
    static Path build(Path ear, Path out, List<String> classPackages, List<Class<?>> libraries) throws IOException {
        Files.createDirectories(out.getParent());
        try (ZipFile in = new ZipFile(ear.toFile()); ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry entry : java.util.Collections.list(in.entries())) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream data = in.getInputStream(entry)) {
                    data.transferTo(zip);
                }
                zip.closeEntry();
            }
            for (String classPackage : classPackages) {
                zip.putNextEntry(new ZipEntry("lib/cluster-it-"
                        + classPackage.substring(classPackage.lastIndexOf('/') + 1) + ".jar"));
                probeJar(zip, classPackage);
                zip.closeEntry();
            }
            for (Class<?> library : libraries) {
                Path jar = codeSource(library);
                zip.putNextEntry(new ZipEntry("lib/" + jar.getFileName()));
                Files.copy(jar, zip);
                zip.closeEntry();
            }
        }
        return out;
    }

    private static Path codeSource(Class<?> type) throws IOException {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
    }

    private static void probeJar(OutputStream target, String classPackage) throws IOException {
        Path classes = codeSource(ProbeEar.class);
        JarOutputStream jar = new JarOutputStream(target);
        jar.putNextEntry(new JarEntry("META-INF/beans.xml"));
        Files.copy(classes.resolve("probe-META-INF/beans.xml"), jar);
        jar.closeEntry();
        try (Stream<Path> files = Files.walk(classes.resolve(classPackage))) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                jar.putNextEntry(new JarEntry(classes.relativize(file).toString()));
                Files.copy(file, jar);
                jar.closeEntry();
            }
        }
        jar.finish(); // not close(): the EAR's stream goes on
    }
}
