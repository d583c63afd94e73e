package io.pitaya.it;

import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketDecoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A plain TCP socket with a reader thread that splits what arrives into packets. */
final class RawTcp implements RawConnection {

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    RawTcp(URI uri) throws IOException {
        socket = new Socket(uri.getHost(), uri.getPort());
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        Thread reader = new Thread(this::read, "raw-tcp-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        PacketDecoder decoder = new PacketDecoder(PacketCodec.MAX_BODY_LENGTH);
        byte[] buffer = new byte[8192];
        // the input stream is not closed here: that would close the socket under a concurrent send
        try {
            InputStream in = socket.getInputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                for (Packet p : decoder.decode(ByteBuffer.wrap(buffer, 0, n))) {
                    received.add(PacketCodec.encode(p));
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // a reset counts as closed too
        } finally {
            closed.countDown();
        }
    }

    @Override
    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    @Override
    public byte[] receive(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean closedWithin(long millis) {
        try {
            return closed.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
