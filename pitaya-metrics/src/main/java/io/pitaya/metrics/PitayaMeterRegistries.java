package io.pitaya.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.statsd.StatsdConfig;
import io.micrometer.statsd.StatsdFlavor;
import io.micrometer.statsd.StatsdMeterRegistry;
import io.pitaya.core.config.PitayaConfig;
import io.pitaya.core.metrics.MetricsReporter;
import io.pitaya.core.metrics.MetricsReporterProvider;
import io.pitaya.spi.MetricsExposition;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The metrics module as the core and the web module see it: Micrometer registries built from
 * {@link MetricsSettings} (Prometheus, scraped at {@code /pitaya/metrics}; StatsD), Pitaya's metrics on them through
 * a {@link MicrometerReporter}, and the JVM's own through Micrometer's binders. Everything is released at undeploy
 * (the GC binder's listeners and the StatsD registry's threads would otherwise keep the deployment).
 */
@ApplicationScoped
public class PitayaMeterRegistries implements MetricsReporterProvider, MetricsExposition {

    private static final Logger LOG = Logger.getLogger(PitayaMeterRegistries.class.getName());

    @Inject
    Config config;

    private MetricsSettings settings;
    private PrometheusMeterRegistry prometheus;
    private StatsdMeterRegistry statsd;
    private MeterRegistry registry;
    private MicrometerReporter reporter;
    private final List<AutoCloseable> binders = new ArrayList<>();

    @PostConstruct
    void init() {
        settings = MetricsSettings.from(config, PitayaConfig.from(config).serverType());
        if (!settings.anyRegistry()) {
            return;
        }
        List<MeterRegistry> registries = new ArrayList<>();
        if (settings.prometheus()) {
            prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registries.add(prometheus);
        }
        if (settings.statsd()) {
            statsd = statsd(settings);
            registries.add(statsd);
        }
        registry = registries.size() == 1 ? registries.get(0) : composite(registries);
        List<Tag> common = settings.constLabels().entrySet().stream().map(e -> Tag.of(e.getKey(), e.getValue())).toList();
        registry.config().commonTags(common);
        reporter = new MicrometerReporter(registry, settings.latencyBuckets(), settings.maxRoutes());
        if (settings.jvm()) {
            bind(new ClassLoaderMetrics());
            bind(new JvmMemoryMetrics());
            bind(new JvmGcMetrics());
            bind(new JvmThreadMetrics());
            bind(new ProcessorMetrics());
            bind(new UptimeMetrics());
        }
        LOG.info(() -> "Pitaya metrics: " + (prometheus != null ? "Prometheus at /pitaya/metrics" : "")
                + (prometheus != null && statsd != null ? ", " : "")
                + (statsd != null ? "StatsD to " + settings.statsdHost() + ":" + settings.statsdPort() : "")
                + ", labels " + settings.constLabels());
    }

    private static CompositeMeterRegistry composite(List<MeterRegistry> registries) {
        CompositeMeterRegistry composite = new CompositeMeterRegistry();
        registries.forEach(composite::add);
        return composite;
    }

    private void bind(MeterBinder binder) {
        binder.bindTo(registry);
        if (binder instanceof AutoCloseable closeable) {
            binders.add(closeable);
        }
    }

    /** StatsD with Pitaya's plain names after the prefix ({@code pitaya.response_time_ns}), as Pitaya sends them. */
    static StatsdMeterRegistry statsd(MetricsSettings settings) {
        StatsdConfig statsdConfig = new StatsdConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public StatsdFlavor flavor() {
                return StatsdFlavor.valueOf(settings.statsdFlavor().toUpperCase(Locale.ROOT));
            }

            @Override
            public String host() {
                return settings.statsdHost();
            }

            @Override
            public int port() {
                return settings.statsdPort();
            }

            @Override
            public Duration step() {
                return Duration.ofSeconds(15);
            }
        };
        StatsdMeterRegistry statsd = new StatsdMeterRegistry(statsdConfig, io.micrometer.core.instrument.Clock.SYSTEM);
        statsd.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String name = PrometheusNames.pitayaName(id.getName());
                return name == null ? id : id.withName(settings.statsdPrefix() + name);
            }
        });
        return statsd;
    }

    @PreDestroy
    void close() {
        for (AutoCloseable binder : binders) {
            try {
                binder.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing a metrics binder failed", e);
            }
        }
        binders.clear();
        if (registry != null) {
            registry.close();
        }
        if (statsd != null && statsd != registry) {
            statsd.close();
        }
        if (prometheus != null && prometheus != registry) {
            prometheus.close();
        }
    }

    public MetricsSettings settings() {
        return settings;
    }

    /** The registry Pitaya's metrics go to (composite when both are enabled), or null when none is. */
    public MeterRegistry registry() {
        return registry;
    }

    // --- MetricsReporterProvider -----------------------------------------------------------------------------

    @Override
    public Optional<MetricsReporter> reporter() {
        return Optional.ofNullable(reporter);
    }

    // --- MetricsExposition -----------------------------------------------------------------------------------

    @Override
    public boolean enabled() {
        return prometheus != null;
    }

    @Override
    public String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8"; // what scrape(OutputStream) writes
    }

    @Override
    public void write(OutputStream out) throws IOException {
        if (prometheus == null) {
            throw new IllegalStateException(MetricsSettings.PROMETHEUS_ENABLED + " is false");
        }
        prometheus.scrape(out);
    }
}
