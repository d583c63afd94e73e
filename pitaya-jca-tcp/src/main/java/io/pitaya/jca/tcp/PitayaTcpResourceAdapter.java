package io.pitaya.jca.tcp;

import io.pitaya.jca.tcp.nio.TcpAcceptor;
import io.pitaya.spi.TcpSettings;
import io.pitaya.spi.TcpSettingsSource;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;

import javax.transaction.xa.XAResource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pitaya's TCP acceptor as a resource adapter: when the core's message-driven bean is activated, it listens on
 * every configured listener (e.g. plain TCP on one port and TLS on another) with one accept loop per listener and a
 * few NIO selector loops shared by all of them (run as container work), and hands every accepted connection to the
 * bean; on deactivation (undeploy, redeploy, server suspend or shutdown) it releases every port and, after the
 * session drain when that is enabled, closes every connection.
 *
 * <p>The ports are bound during activation, so they are open when the deployment completes, and a port that cannot
 * be bound (or bad TLS material) fails the deployment with the reason, after releasing the ports already bound.
 */
@Connector(
        displayName = "Pitaya TCP acceptor",
        description = "Listens on TCP (optionally TLS) for Pitaya clients and delivers connections to the core",
        vendorName = "Pitaya for Jakarta EE",
        eisType = "Pitaya TCP",
        version = "0.1",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class PitayaTcpResourceAdapter implements jakarta.resource.spi.ResourceAdapter {

    private static final Logger LOG = Logger.getLogger(PitayaTcpResourceAdapter.class.getName());

    private final Map<MessageEndpointFactory, Listener> listeners = new ConcurrentHashMap<>();
    private volatile WorkManager workManager;
    /** Set by {@link #stop()}: a stopped adapter never listens again. */
    private volatile boolean stopped;

    /**
     * One activated endpoint: its listening acceptor and the bridge to its bean (both null when the TCP acceptor is
     * disabled), and the core's view.
     */
    private record Listener(TcpAcceptor acceptor, BeanBridge bridge, TcpSettingsSource core) {

        /**
         * Stops listening, lets the core drain its sessions while the open connections keep being served (with
         * session drain enabled; bounded by the drain timeout), then closes whatever is left. With the TCP acceptor
         * disabled the core still drains (its WebSocket sessions): the deactivation is how the adapter learns that
         * the server suspends.
         */
        void drainAndClose() {
            try {
                if (acceptor != null) {
                    acceptor.stopListening();
                }
                core.active(false);
                core.drainSessions();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "Pitaya TCP acceptor: the session drain failed; closing the connections", e);
            } finally {
                close();
            }
        }

        void close() {
            if (acceptor == null) {
                return;
            }
            try {
                acceptor.close();
            } finally {
                bridge.release();
            }
        }
    }

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        workManager = context.getWorkManager();
    }

    @Override
    public void stop() {
        stopped = true;
        listeners.values().forEach(Listener::close);
        listeners.clear();
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        if (!(spec instanceof PitayaTcpActivationSpec tcpSpec)) {
            throw new ResourceException("unexpected activation spec " + spec.getClass().getName());
        }
        if (stopped) {
            // WildFly keeps the message-driven bean of a deployment that failed to start registered for suspend and
            // resume, and a resume activates it on its stopped adapter: listening then would take the port (with
            // default settings, its deployment's config being gone) from the live deployment's adapter.
            LOG.warning("Pitaya TCP acceptor: an endpoint activation on a stopped adapter (its deployment is gone) is ignored");
            return;
        }
        TcpSettingsSource source;
        List<TcpSettings> settings;
        TcpAcceptor acceptor;
        BeanBridge bridge;
        try {
            source = settingsSource(factory, tcpSpec.getSettingsSource());
            settings = source.tcpListeners();
            if (settings == null || settings.isEmpty()) {
                LOG.info("Pitaya TCP acceptor disabled (pitaya.acceptor.tcp.enabled=false)");
                listeners.put(factory, new Listener(null, null, source)); // still drains the core on deactivation
                source.active(true);
                return;
            }
            bridge = new BeanBridge(factory, source);
            acceptor = new TcpAcceptor(settings, bridge,
                    (name, loop) -> workManager.scheduleWork(new LongRunningWork(name, loop)));
        } catch (Exception e) {
            throw new ResourceException("Pitaya TCP acceptor: invalid configuration: " + e.getMessage(), e);
        }
        try {
            acceptor.start(); // logs one line per listener
        } catch (Exception e) {
            acceptor.close();
            throw new ResourceException("Pitaya TCP acceptor: cannot start: " + e.getMessage(), e);
        }
        Listener previous = listeners.put(factory, new Listener(acceptor, bridge, source));
        if (previous != null) {
            previous.close();
        }
        source.active(true);
    }

    /** Instantiates the bean's settings source with the bean's class loader, which sees the application's config. */
    private static TcpSettingsSource settingsSource(MessageEndpointFactory factory, String className) throws Exception {
        ClassLoader loader = factory.getEndpointClass().getClassLoader();
        Class<?> type = Class.forName(className, true, loader);
        return (TcpSettingsSource) type.getConstructor().newInstance();
    }

    /**
     * The bean stops receiving connections: on undeploy, but also when the server suspends (WildFly deactivates
     * message-driven beans then, first thing of a suspend or a shutdown). The adapter stops listening at once; with
     * session drain enabled the core then drains its sessions, of every transport, while the open connections keep
     * being served (at most the drain timeout plus the wait for close callbacks); then the connections left close.
     */
    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        Listener listener = listeners.remove(factory);
        if (listener != null) {
            listener.drainAndClose();
            if (listener.acceptor() != null) {
                LOG.info("Pitaya TCP acceptor stopped; all its listeners are closed");
            }
        }
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    // The connector spec asks resource adapters to define equality; each instance is its own adapter.
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
