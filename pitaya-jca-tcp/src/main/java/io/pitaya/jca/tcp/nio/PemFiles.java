package io.pitaya.jca.tcp.nio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;

/**
 * Reads a PEM certificate chain and an unencrypted PKCS#8 private key (RSA or EC) into an in-memory key store,
 * as Go Pitaya's acceptor takes cert and key files. Checks that key and certificate belong together so a mix-up
 * fails at start, not at each client's handshake.
 */
final class PemFiles {

    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";
    private static final String CONVERT_HINT =
            " (convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem)";

    private PemFiles() {
    }

    static KeyStore keyStore(Path certificateFile, Path privateKeyFile, char[] password) throws IOException {
        X509Certificate[] chain = readCertificates(certificateFile);
        PrivateKey key = readPrivateKey(privateKeyFile);
        checkPair(key, chain[0], certificateFile, privateKeyFile);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("pitaya", key, password, chain);
            return store;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS: cannot hold the key from " + privateKeyFile + ": " + e.getMessage(), e);
        }
    }

    static X509Certificate[] readCertificates(Path file) throws IOException {
        requireReadable(file, "certificate file");
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS: certificate file " + file + " is not PEM X.509: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IOException("TLS: certificate file " + file + " holds no certificate");
        }
        return certificates.stream().map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
    }

    static PrivateKey readPrivateKey(Path file) throws IOException {
        requireReadable(file, "private key file");
        String pem = Files.readString(file, StandardCharsets.ISO_8859_1);
        if (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new IOException("TLS: private key file " + file + " is encrypted; an unencrypted PKCS#8 key is needed"
                    + CONVERT_HINT);
        }
        if (pem.contains("-----BEGIN RSA PRIVATE KEY-----") || pem.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw new IOException("TLS: private key file " + file + " is PKCS#1/SEC1; PKCS#8 is needed" + CONVERT_HINT);
        }
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END, Math.max(begin, 0));
        if (begin < 0 || end < 0) {
            throw new IOException("TLS: private key file " + file + " has no '" + BEGIN + "' block");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IOException("TLS: private key file " + file + " is not valid base64", e);
        }
        for (String algorithm : new String[]{"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                // try the next algorithm
            } catch (GeneralSecurityException e) {
                throw new IOException("TLS: cannot read private key " + file + ": " + e.getMessage(), e);
            }
        }
        throw new IOException("TLS: private key file " + file + " is neither an RSA nor an EC PKCS#8 key");
    }

    private static void checkPair(PrivateKey key, X509Certificate certificate, Path certificateFile, Path keyFile)
            throws IOException {
        String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        byte[] probe = "pitaya".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // mismatched key types end up here too
        }
        throw new IOException("TLS: private key " + keyFile + " does not match the first certificate in "
                + certificateFile);
    }

    private static void requireReadable(Path file, String what) throws IOException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IOException("TLS: " + what + " " + file + " does not exist or is not readable");
        }
    }
}
