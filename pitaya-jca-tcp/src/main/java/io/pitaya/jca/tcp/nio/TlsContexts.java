package io.pitaya.jca.tcp.nio;

import io.pitaya.spi.TcpSettings;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Collections;

/**
 * Builds the server's {@link SSLContext} from {@link TcpSettings.Tls}: a key store (PKCS12 by default, or JKS) or
 * PEM files. Every misconfiguration becomes an {@link IOException} naming the setting and file, thrown at start
 * rather than at the first client.
 */
final class TlsContexts {

    private static final String DEFAULT_KEY_STORE_TYPE = "PKCS12";

    private TlsContexts() {
    }

    static SSLContext create(TcpSettings.Tls tls) throws IOException {
        boolean keyStore = present(tls.keyStore());
        boolean pem = present(tls.certificateFile()) || present(tls.privateKeyFile());
        if (keyStore && pem) {
            throw new IOException("TLS: configure either a key store or PEM files (certificate and private key), not both");
        }
        if (!keyStore && !(present(tls.certificateFile()) && present(tls.privateKeyFile()))) {
            throw new IOException("TLS: a key store, or both a certificate file and a private key file, are required");
        }
        KeyStore store;
        char[] password;
        if (keyStore) {
            password = tls.keyStorePassword() == null ? new char[0] : tls.keyStorePassword().toCharArray();
            store = loadKeyStore(Path.of(tls.keyStore()), present(tls.keyStoreType()) ? tls.keyStoreType()
                    : DEFAULT_KEY_STORE_TYPE, password);
        } else {
            password = "pitaya".toCharArray(); // protects an in-memory store only
            store = PemFiles.keyStore(Path.of(tls.certificateFile()), Path.of(tls.privateKeyFile()), password);
        }
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (UnrecoverableKeyException e) {
            throw new IOException("TLS: cannot read the private key in key store " + tls.keyStore()
                    + " (its key password must equal the key store password)", e);
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS: cannot set up the server context: " + e.getMessage(), e);
        }
    }

    private static KeyStore loadKeyStore(Path path, String type, char[] password) throws IOException {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IOException("TLS: key store " + path + " does not exist or is not readable");
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance(type);
        } catch (KeyStoreException e) {
            throw new IOException("TLS: unknown key store type '" + type + "' for " + path, e);
        }
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IOException("TLS: wrong password for key store " + path, e);
            }
            throw new IOException("TLS: cannot read key store " + path + " as " + type + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS: cannot read key store " + path + ": " + e.getMessage(), e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return store;
                }
            }
        } catch (KeyStoreException e) {
            throw new IOException("TLS: cannot list key store " + path, e);
        }
        throw new IOException("TLS: key store " + path + " holds no private key");
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
