package io.pitaya.jca.tcp.nio;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed test certificates. The JDK has no public API to create certificates, so {@code keytool} (shipped with
 * every JDK) makes a key store; the PEM files are written from it in Java (no openssl needed).
 */
final class TestCerts {

    static final String PASSWORD = "changeit";

    final Path keyStore;
    final String keyStoreType;
    final Path certificatePem;
    final Path privateKeyPem;
    final Certificate certificate;

    private TestCerts(Path keyStore, String keyStoreType, Path certificatePem, Path privateKeyPem,
                      Certificate certificate) {
        this.keyStore = keyStore;
        this.keyStoreType = keyStoreType;
        this.certificatePem = certificatePem;
        this.privateKeyPem = privateKeyPem;
        this.certificate = certificate;
    }

    /** @param keyAlgorithm {@code RSA} or {@code EC}; @param storeType {@code PKCS12} or {@code JKS} */
    static TestCerts generate(Path dir, String keyAlgorithm, String storeType) throws Exception {
        String base = keyAlgorithm.toLowerCase() + "-" + storeType.toLowerCase();
        Path store = dir.resolve(base + ".ks");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        ProcessBuilder pb = new ProcessBuilder(keytool, "-genkeypair", "-alias", "pitaya",
                "-keyalg", keyAlgorithm, "-keysize", keyAlgorithm.equals("EC") ? "256" : "2048",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", storeType, "-keystore", store.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt")
                .redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore ks = KeyStore.getInstance(storeType);
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        Certificate cert = ks.getCertificate("pitaya");
        PrivateKey key = (PrivateKey) ks.getKey("pitaya", PASSWORD.toCharArray());
        Path certPem = dir.resolve(base + "-cert.pem");
        Path keyPem = dir.resolve(base + "-key.pem");
        Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
        Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded())); // PKCS#8, unencrypted
        return new TestCerts(store, storeType, certPem, keyPem, cert);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** A client context that trusts exactly this certificate. */
    SSLContext clientContext() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
