package io.pitaya.cluster.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The example's room.ear with the tests' probe handlers ({@code io.pitaya.cluster.it.probe}) added to its lib/, and
 * its connector.ear with the tests' server router ({@code io.pitaya.cluster.it.routing}).
 */
final class ProbeEar {

    static final String PROBE_PACKAGE = "io/pitaya/cluster/it/probe";
    static final String ROUTING_PACKAGE = "io/pitaya/cluster/it/routing";

    private ProbeEar() {
    }

    static Path build(Path ear, Path out) throws IOException {
        return build(ear, out, PROBE_PACKAGE);
    }

    /** {@code ear} with the test classes of {@code classPackage} (a path) as a bean archive in its lib/. */
    static Path build(Path ear, Path out, String classPackage) throws IOException {
        Files.createDirectories(out.getParent());
        try (ZipFile in = new ZipFile(ear.toFile()); ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry entry : java.util.Collections.list(in.entries())) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream data = in.getInputStream(entry)) {
                    data.transferTo(zip);
                }
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("lib/cluster-it-" + classPackage.substring(classPackage.lastIndexOf('/') + 1)
                    + ".jar"));
            probeJar(zip, classPackage);
            zip.closeEntry();
        }
        return out;
    }

    private static void probeJar(OutputStream target, String classPackage) throws IOException {
        Path classes;
        try {
            classes = Path.of(ProbeEar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
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
