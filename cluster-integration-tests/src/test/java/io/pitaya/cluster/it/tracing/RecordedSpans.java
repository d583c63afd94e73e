package io.pitaya.cluster.it.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The OpenTelemetry the tests give each server (the CDI bean pitaya-tracing looks up, as it would MicroProfile
 * Telemetry's): an SDK that keeps every ended span in memory, so that {@link Tracing} can show them to a client.
 */
@ApplicationScoped
public class RecordedSpans {

    private final List<SpanData> ended = new CopyOnWriteArrayList<>();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(new Recorder(ended)))
                    .build())
            .build();

    @Produces
    OpenTelemetry openTelemetry() {
        return sdk;
    }

    List<SpanData> ended() {
        return ended;
    }

    private record Recorder(List<SpanData> into) implements SpanExporter {

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            into.addAll(spans);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
