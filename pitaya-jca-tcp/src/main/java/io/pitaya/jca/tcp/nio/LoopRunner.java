package io.pitaya.jca.tcp.nio;

/**
 * Starts one long-running loop of the acceptor on a thread the caller owns. Inside a container this is the
 * resource adapter's {@code WorkManager} (as long-running work, started asynchronously); tests pass plain threads.
 *
 * <p>{@code start} must return once the loop has been handed over: it must not run the loop on the calling thread.
 * A loop returns by itself when the acceptor is closed.
 */
@FunctionalInterface
public interface LoopRunner {

    /**
     * @param name a descriptive name for logs or the thread
     * @param loop the loop to run; it returns when the acceptor closes
     * @throws Exception when the loop could not be started; {@link TcpAcceptor#start()} then fails
     */
    void start(String name, Runnable loop) throws Exception;
}
