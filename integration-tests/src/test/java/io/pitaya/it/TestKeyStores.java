package io.pitaya.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Key material for the TLS tests, made with the JDK's keytool so no key is committed. */
final class TestKeyStores {

    private TestKeyStores() {
    }

    /** A PKCS#12 key store with a fresh self-signed RSA certificate for 127.0.0.1, valid two days. */
    static Path selfSigned(String password) throws Exception {
        Path dir = Files.createTempDirectory("pitaya-tls");
        Path keyStore = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "pitaya", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", password, "-keypass", password))
                .redirectErrorStream(true).redirectOutput(new File(dir.toFile(), "keytool.log")).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("keytool").isZero();
        return keyStore;
    }
}
