package io.pitaya.jca.tcp.nio;

import java.io.ByteArrayOutputStream;
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
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a PEM certificate chain and an unencrypted private key (RSA or EC) into an in-memory key store, as Go
 * Pitaya's acceptor takes cert and key files. The key may be in any form Go's {@code tls.LoadX509KeyPair} reads:
 * PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or SEC1 ({@code BEGIN EC PRIVATE KEY},
 * possibly after an {@code EC PARAMETERS} block); the last two are wrapped into PKCS#8 here, without extra
 * libraries. Encrypted keys are refused with a hint. Checks that key and certificate belong together so a mix-up
 * fails at start, not at each client's handshake.
 */
final class PemFiles {

    private static final String PKCS8 = "PRIVATE KEY";
    private static final String PKCS1 = "RSA PRIVATE KEY";
    private static final String SEC1 = "EC PRIVATE KEY";
    private static final String ENCRYPTED_PKCS8 = "ENCRYPTED PRIVATE KEY";
    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String DECRYPT_HINT =
            " (remove the password with: openssl pkey -in key.pem -out key-plain.pem)";
    private static final String SUPPORTED = "PKCS#8 'BEGIN PRIVATE KEY', PKCS#1 'BEGIN RSA PRIVATE KEY'"
            + " or SEC1 'BEGIN EC PRIVATE KEY'";

    /** AlgorithmIdentifier of rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0D, 0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** OID id-ecPublicKey (1.2.840.10045.2.1), complete with tag and length. */
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02,
            0x01};

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

    /**
     * Reads the first private key block of a PEM file, like Go: other blocks before it (certificates,
     * {@code EC PARAMETERS}) are skipped.
     */
    static PrivateKey readPrivateKey(Path file) throws IOException {
        requireReadable(file, "private key file");
        String pem = Files.readString(file, StandardCharsets.ISO_8859_1);
        Block block = firstPrivateKeyBlock(pem, file);
        switch (block.type) {
            case ENCRYPTED_PKCS8 -> throw new IOException("TLS: private key file " + file
                    + " is encrypted ('BEGIN ENCRYPTED PRIVATE KEY'); an unencrypted key is needed" + DECRYPT_HINT);
            case PKCS8, PKCS1, SEC1 -> {
                if (block.encrypted()) {
                    throw new IOException("TLS: private key file " + file + " is encrypted (Proc-Type: 4,ENCRYPTED);"
                            + " an unencrypted key is needed" + DECRYPT_HINT);
                }
            }
            default -> throw new IOException("TLS: private key file " + file + " holds a '" + block.type
                    + "', which is not supported; use " + SUPPORTED);
        }
        byte[] der = block.der(file);
        return switch (block.type) {
            case PKCS1 -> generate(file, "RSA", wrapPkcs1(der, file), "PKCS#1 RSA key");
            case SEC1 -> generate(file, "EC", wrapSec1(der, file), "SEC1 EC key");
            default -> pkcs8(der, file);
        };
    }

    private static PrivateKey pkcs8(byte[] der, Path file) throws IOException {
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

    private static PrivateKey generate(Path file, String algorithm, byte[] pkcs8, String what) throws IOException {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS: private key file " + file + " is not a valid " + what + ": "
                    + e.getMessage(), e);
        }
    }

    // ---- PEM ----

    /** One PEM block: its label, RFC 1421 headers (legacy encrypted keys) and base64 body. */
    private record Block(String type, String headers, String base64) {

        boolean encrypted() {
            return headers.contains("ENCRYPTED") || headers.contains("DEK-Info");
        }

        byte[] der(Path file) throws IOException {
            try {
                byte[] der = Base64.getDecoder().decode(WHITESPACE.matcher(base64).replaceAll(""));
                if (der.length == 0) {
                    throw new IOException("TLS: private key file " + file + " has an empty '" + type + "' block");
                }
                return der;
            } catch (IllegalArgumentException e) {
                throw new IOException("TLS: private key file " + file + " is not valid base64", e);
            }
        }
    }

    private static Block firstPrivateKeyBlock(String pem, Path file) throws IOException {
        Matcher begin = BEGIN.matcher(pem);
        int from = 0;
        while (begin.find(from)) {
            String type = begin.group(1);
            String endMarker = "-----END " + type + "-----";
            int end = pem.indexOf(endMarker, begin.end());
            if (end < 0) {
                throw new IOException("TLS: private key file " + file + ": '" + begin.group() + "' has no '"
                        + endMarker + "'");
            }
            if (type.equals(PKCS8) || type.endsWith(" " + PKCS8)) {
                String body = pem.substring(begin.end(), end).replace("\r\n", "\n");
                String headers = "";
                int blank = body.indexOf("\n\n");
                if (blank >= 0 && body.substring(0, blank).contains(":")) { // "Proc-Type: ...", "DEK-Info: ..."
                    headers = body.substring(0, blank);
                    body = body.substring(blank + 2);
                }
                return new Block(type, headers, body);
            }
            from = end + endMarker.length();
        }
        throw new IOException("TLS: private key file " + file + " has no private key block (" + SUPPORTED + ")");
    }

    // ---- DER: PKCS#1 and SEC1 into PKCS#8 (RFC 5208 PrivateKeyInfo) ----

    /** PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING { RSAPrivateKey } }. */
    private static byte[] wrapPkcs1(byte[] pkcs1, Path file) throws IOException {
        requireSequence(pkcs1, file, "PKCS#1 RSA");
        return privateKeyInfo(RSA_ALGORITHM, pkcs1);
    }

    /**
     * PrivateKeyInfo { version 0, { id-ecPublicKey, namedCurve }, OCTET STRING { ECPrivateKey } }; the curve comes
     * from the key's own {@code [0] parameters} (RFC 5915), which every SEC1 key written by OpenSSL or Go has.
     */
    private static byte[] wrapSec1(byte[] sec1, Path file) throws IOException {
        requireSequence(sec1, file, "SEC1 EC");
        byte[] curve = null;
        try {
            Der outer = new Der(sec1, 0);
            int p = outer.contentStart;
            Der version = new Der(sec1, p);
            if (version.tag != 0x02) {
                throw new IOException("TLS: private key file " + file + " is not a valid SEC1 EC key: no version");
            }
            p = version.end;
            Der privateKey = new Der(sec1, p);
            if (privateKey.tag != 0x04) {
                throw new IOException("TLS: private key file " + file + " is not a valid SEC1 EC key: no key octets");
            }
            p = privateKey.end;
            while (p < outer.end) {
                Der field = new Der(sec1, p);
                if (field.tag == 0xA0) { // [0] ECParameters: a namedCurve OID
                    Der oid = new Der(sec1, field.contentStart);
                    if (oid.tag == 0x06) {
                        curve = Arrays.copyOfRange(sec1, field.contentStart, oid.end);
                    }
                }
                p = field.end;
            }
        } catch (IndexOutOfBoundsException e) {
            throw new IOException("TLS: private key file " + file + " is not a valid SEC1 EC key: truncated DER", e);
        }
        if (curve == null) {
            throw new IOException("TLS: private key file " + file + " is a SEC1 EC key without its named curve"
                    + " (convert it with: openssl pkey -in key.pem -out key-pkcs8.pem)");
        }
        return privateKeyInfo(tlv(0x30, concat(EC_PUBLIC_KEY_OID, curve)), sec1);
    }

    private static byte[] privateKeyInfo(byte[] algorithm, byte[] key) {
        byte[] version = {0x02, 0x01, 0x00};
        return tlv(0x30, concat(version, algorithm, tlv(0x04, key)));
    }

    private static void requireSequence(byte[] der, Path file, String what) throws IOException {
        try {
            Der outer = new Der(der, 0);
            if (outer.tag == 0x30 && outer.end == der.length) {
                return;
            }
        } catch (IndexOutOfBoundsException e) {
            // reported below
        }
        throw new IOException("TLS: private key file " + file + " is not a valid " + what + " key (not one DER"
                + " SEQUENCE)");
    }

    /** One DER TLV at {@code offset}: tag (single byte), where its content starts and where it ends. */
    private static final class Der {
        final int tag;
        final int contentStart;
        final int end;

        Der(byte[] der, int offset) {
            tag = der[offset] & 0xFF;
            int first = der[offset + 1] & 0xFF;
            int length;
            int p = offset + 2;
            if (first < 0x80) {
                length = first;
            } else {
                int bytes = first & 0x7F;
                if (bytes == 0 || bytes > 3) {
                    throw new IndexOutOfBoundsException("unsupported DER length");
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[p++] & 0xFF);
                }
            }
            contentStart = p;
            end = p + length;
            if (end > der.length) {
                throw new IndexOutOfBoundsException("DER value longer than its input");
            }
        }
    }

    private static byte[] tlv(int tag, byte[] content) {
        int n = content.length;
        byte[] length;
        if (n < 0x80) {
            length = new byte[]{(byte) n};
        } else if (n < 0x100) {
            length = new byte[]{(byte) 0x81, (byte) n};
        } else if (n < 0x10000) {
            length = new byte[]{(byte) 0x82, (byte) (n >> 8), (byte) n};
        } else {
            length = new byte[]{(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        }
        return concat(new byte[]{(byte) tag}, length, content);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
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
