package io.pitaya.jca.tcp;

import io.pitaya.jca.tcp.nio.TcpAcceptor;
import io.pitaya.spi.Connection;
import io.pitaya.spi.ConnectionAcceptor;
import io.pitaya.spi.PacketSink;
import io.pitaya.spi.TcpAcceptorEndpoint;
import io.pitaya.spi.TcpSettings;
import io.pitaya.spi.TcpSettingsSource;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;

import javax.transaction.xa.XAResource;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pitaya's TCP acceptor as a resource adapter: when the core's message-driven bean is activated, it listens on the
 * configured port with a few NIO selector loops (run as container work) and hands every accepted connection to
 * the bean; on deactivation (undeploy, redeploy) it closes every connection and releases the port.
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
    private static final long ENDPOINT_WAIT_MILLIS = 1000;

    private final Map<MessageEndpointFactory, Activation> activations = new ConcurrentHashMap<>();
    /** Endpoints activated and not yet deactivated; activation runs asynchronously and checks it. */
    private final Set<MessageEndpointFactory> wanted = ConcurrentHashMap.newKeySet();
    private volatile WorkManager workManager;

    /** One activated endpoint: its listener and the endpoint instance it was given. */
    private record Activation(TcpAcceptor acceptor, MessageEndpoint endpoint) {
        void close() {
            try {
                if (acceptor != null) {
                    acceptor.close();
                }
            } finally {
                endpoint.release();
            }
        }
    }

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        workManager = context.getWorkManager();
    }

    @Override
    public void stop() {
        wanted.clear();
        activations.values().forEach(Activation::close);
        activations.clear();
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        if (!(spec instanceof PitayaTcpActivationSpec)) {
            throw new ResourceException("unexpected activation spec " + spec.getClass().getName());
        }
        wanted.add(factory);
        String source = ((PitayaTcpActivationSpec) spec).getSettingsSource();
        // The endpoint may not take calls while its deployment is still starting: open the port from a work item.
        workManager.scheduleWork(new LongRunningWork("pitaya-tcp-activation", () -> activate(factory, source)));
    }

    private void activate(MessageEndpointFactory factory, String settingsSource) {
        TcpSettings settings;
        int maxPacketBodyLength;
        TcpSettingsSource source;
        try {
            source = settingsSource(factory, settingsSource);
            settings = source.tcpSettings();
            maxPacketBodyLength = settings == null ? 0 : source.maxPacketBodyLength();
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "Pitaya TCP acceptor: invalid configuration", e);
            return;
        }
        if (settings == null) {
            LOG.info("Pitaya TCP acceptor disabled (pitaya.acceptor.tcp.enabled=false)");
            return;
        }
        MessageEndpoint endpoint = createEndpoint(factory);
        if (endpoint == null) {
            return;
        }
        TcpAcceptorEndpoint listener = (TcpAcceptorEndpoint) endpoint;
        // only accept() goes to the bean: every call waits until the application's startup beans are done
        ConnectionAcceptor core = new ConnectionAcceptor() {
            @Override
            public PacketSink accept(Connection connection) {
                if (!source.coreRunning()) {
                    throw new IllegalStateException("Pitaya server is not running");
                }
                return listener.accept(connection);
            }

            @Override
            public int maxPacketBodyLength() {
                return maxPacketBodyLength;
            }
        };
        TcpAcceptor acceptor = new TcpAcceptor(settings, core,
                (name, loop) -> workManager.scheduleWork(new LongRunningWork(name, loop)));
        try {
            acceptor.start();
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "Pitaya TCP acceptor: cannot listen on " + settings.host() + ":" + settings.port(), e);
            acceptor.close();
            endpoint.release();
            return;
        }
        Activation previous = activations.put(factory, new Activation(acceptor, endpoint));
        if (previous != null) {
            previous.close();
        }
        if (!wanted.contains(factory)) { // deactivated while we were starting
            endpointDeactivation(factory, null);
            return;
        }
        LOG.info(() -> "Pitaya TCP acceptor listening on " + acceptor.localAddress()
                + (settings.tls() != null ? " (TLS)" : "") + " with " + settings.selectorThreads() + " selector threads");
    }

    /** Instantiates the bean's settings source with the bean's class loader, which sees the application's config. */
    private static TcpSettingsSource settingsSource(MessageEndpointFactory factory, String className) throws Exception {
        ClassLoader loader = factory.getEndpointClass().getClassLoader();
        Class<?> type = Class.forName(className, true, loader);
        return (TcpSettingsSource) type.getConstructor().newInstance();
    }

    /**
     * Asks for the endpoint with a bounded wait, again and again while the activation is still wanted: a deployment
     * that fails or is undeployed meanwhile must never be left waiting on this work.
     */
    private MessageEndpoint createEndpoint(MessageEndpointFactory factory) {
        while (wanted.contains(factory)) {
            try {
                return factory.createEndpoint(null, ENDPOINT_WAIT_MILLIS);
            } catch (UnavailableException notYet) {
                LOG.log(Level.FINE, "Pitaya TCP acceptor: endpoint not available yet", notYet);
            } catch (Exception e) {
                LOG.log(Level.SEVERE, "Pitaya TCP acceptor: cannot create the endpoint of " + factory.getActivationName(), e);
                return null;
            }
        }
        return null;
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        wanted.remove(factory);
        Activation activation = activations.remove(factory);
        if (activation != null) {
            activation.close();
            LOG.info("Pitaya TCP acceptor stopped");
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
