package io.pitaya.client.transport;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Plain TCP ({@code tcp://host:port}) or TCP over TLS ({@code tls://host:port}) with blocking sockets:
 * one reader thread (which also performs the connect) and one writer thread per connection.
 */
public final class TcpTransport implements Transport {

    private static final int READ_BUFFER = 16 * 1024;

    private final Socket socket;
    private final OutputStream out;
    private final String remote;
    private final ExecutorService writer;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile IOException writeFailure;

    private TcpTransport(Socket socket, String remote) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.remote = remote;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pitaya-tcp-writer-" + remote);
            t.setDaemon(true);
            return t;
        });
    }

    /** Connects on a new reader thread; the future completes once the socket (and TLS session) is up. */
    public static CompletableFuture<Transport> open(String host, int port, boolean tls, TransportConfig config,
                                                    TransportListener listener) {
        CompletableFuture<Transport> result = new CompletableFuture<>();
        String remote = (tls ? "tls://" : "tcp://") + host + ":" + port;
        Thread reader = new Thread(() -> connectAndRead(host, port, tls, config, listener, result, remote),
                "pitaya-tcp-reader-" + remote);
        reader.setDaemon(true);
        reader.start();
        return result;
    }

    private static void connectAndRead(String host, int port, boolean tls, TransportConfig config,
                                       TransportListener listener, CompletableFuture<Transport> result,
                                       String remote) {
        TcpTransport transport;
        Socket socket = new Socket();
        try {
            int timeoutMs = (int) Math.min(Integer.MAX_VALUE, Math.max(1, config.connectTimeout().toMillis()));
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, port), timeoutMs);
            if (tls) {
                SSLSocket ssl = (SSLSocket) config.effectiveSslContext().getSocketFactory()
                        .createSocket(socket, host, port, true);
                if (!config.trustAllCertificates()) {
                    SSLParameters params = ssl.getSSLParameters();
                    params.setEndpointIdentificationAlgorithm("HTTPS");
                    ssl.setSSLParameters(params);
                }
                ssl.setSoTimeout(timeoutMs);
                ssl.startHandshake();
                ssl.setSoTimeout(0);
                socket = ssl;
            }
            transport = new TcpTransport(socket, remote);
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            result.completeExceptionally(e);
            return;
        }
        if (!result.complete(transport)) {
            // caller gave up (e.g. cancelled) before we connected
            transport.close();
            return;
        }
        transport.readLoop(listener);
    }

    private void readLoop(TransportListener listener) {
        byte[] buf = new byte[READ_BUFFER];
        String reason = "connection closed by server";
        Throwable cause = null;
        try {
            InputStream in = socket.getInputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n > 0) {
                    listener.onData(Arrays.copyOf(buf, n));
                }
                if (closed.get()) {
                    return;
                }
            }
        } catch (IOException e) {
            IOException wf = writeFailure;
            cause = wf != null ? wf : e;
            reason = "connection error: " + cause.getMessage();
        } catch (RuntimeException e) {
            cause = e;
            reason = "connection error: " + e;
        }
        if (closed.compareAndSet(false, true)) {
            shutdown();
            listener.onClosed(reason, cause);
        }
    }

    @Override
    public CompletableFuture<Void> send(byte[] bytes) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IOException("transport closed"));
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        try {
            writer.execute(() -> {
                try {
                    out.write(bytes);
                    out.flush();
                    f.complete(null);
                } catch (IOException e) {
                    f.completeExceptionally(e);
                    if (!closed.get()) {
                        // let the reader thread report the failure (it is unblocked by the close)
                        writeFailure = e;
                        closeQuietly(socket);
                    }
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(new IOException("transport closed"));
        }
        return f;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            shutdown();
        }
    }

    private void shutdown() {
        writer.shutdown();
        closeQuietly(socket);
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public String remote() {
        return remote;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing useful to do
        }
    }
}
