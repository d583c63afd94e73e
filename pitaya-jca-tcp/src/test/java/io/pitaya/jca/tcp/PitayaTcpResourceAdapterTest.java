package io.pitaya.jca.tcp;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PitayaTcpResourceAdapterTest {

    /** What WildFly does on a resume after a deployment failed to start: activate its bean on its stopped adapter. */
    @Test
    void aStoppedAdapterIgnoresAnEndpointActivationAndDoesNotTouchTheBean() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        MessageEndpointFactory factory = (MessageEndpointFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{MessageEndpointFactory.class}, (proxy, method, args) -> {
                    calls.incrementAndGet();
                    throw new UnsupportedOperationException(method.getName());
                });
        PitayaTcpActivationSpec spec = new PitayaTcpActivationSpec();
        spec.setSettingsSource("no.such.SettingsSource");
        PitayaTcpResourceAdapter adapter = new PitayaTcpResourceAdapter();
        adapter.stop();

        adapter.endpointActivation(factory, spec);

        assertThat(calls).as("neither the bean's class nor its settings were looked at").hasValue(0);
    }
}
