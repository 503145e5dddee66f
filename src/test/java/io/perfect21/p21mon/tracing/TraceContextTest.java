package io.perfect21.p21mon.tracing;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.config.TracingConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** W3C trace context in headers and environment variables, and the settings resolved from config and OTEL_*. */
class TraceContextTest {
    static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void injectAndExtractRoundTripThroughHeadersAndEnvironment() {
        TraceContext c = TraceContext.parse(PARENT, "congo=t61rcWkgMzE");
        Map<String, String> headers = new HashMap<>();
        c.injectHeaders(headers);
        assertThat(headers).containsEntry("traceparent", PARENT).containsEntry("tracestate", "congo=t61rcWkgMzE");
        assertThat(TraceContext.fromHeaders(Map.of("TraceParent", PARENT))).isEqualTo(new TraceContext(
                "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true, null));
        Map<String, String> env = new HashMap<>();
        c.injectEnvironment(env);
        assertThat(TraceContext.fromEnvironment(env)).isEqualTo(c);
        assertThat(c.child().traceId()).isEqualTo(c.traceId());
        assertThat(c.child().spanId()).isNotEqualTo(c.spanId()).hasSize(16);
    }

    @Test
    void malformedParentsStartANewTrace() {
        assertThat(TraceContext.parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01", null)).isNull();
        assertThat(TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", null)).isNull();
        assertThat(TraceContext.parse("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null)).isNull();
        assertThat(TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra", null)).isNull();
        assertThat(TraceContext.parse("garbage", null)).isNull();
        assertThat(TraceContext.parse(PARENT.replace("-01", "-00"), null).sampled()).isFalse();
        TraceContext root = TraceContext.newRoot();
        assertThat(TraceContext.parse(root.traceparent(), null)).isEqualTo(root);
    }

    private static TracingSettings settings(TracingConfig c, Map<String, String> env) {
        return TracingSettings.resolve(c, env, Path.of("/srv"));
    }

    @Test
    void otelVariablesWinOverTheConfiguration() {
        TracingConfig c = new TracingConfig("cfg-svc", null, "http://collector:4318", null, 0.5, "t.jsonl", 10, null);
        TracingSettings s = settings(c, Map.of());
        assertThat(s.enabled()).isTrue();
        assertThat(s.otlpEndpoint()).isEqualTo("http://collector:4318/v1/traces");
        assertThat(s.sampler()).isEqualTo("parentbased_traceidratio");
        assertThat(s.ratio()).isEqualTo(0.5);
        assertThat(s.fileOutput()).isEqualTo(Path.of("/srv/t.jsonl"));
        s = settings(c, Map.of("OTEL_SERVICE_NAME", "env-svc", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel:4318/",
                "OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Bearer%20x,team=ops", "OTEL_TRACES_SAMPLER", "traceidratio",
                "OTEL_TRACES_SAMPLER_ARG", "0.25", "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod"));
        assertThat(s.serviceName()).isEqualTo("env-svc");
        assertThat(s.otlpEndpoint()).isEqualTo("http://otel:4318/v1/traces");
        assertThat(s.otlpHeaders()).containsEntry("Authorization", "Bearer x").containsEntry("team", "ops");
        assertThat(s.sampler()).isEqualTo("traceidratio");
        assertThat(s.ratio()).isEqualTo(0.25);
        assertThat(s.resourceAttributes()).containsEntry("deployment.environment", "prod");
        assertThat(settings(c, Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://x:1/custom")).otlpEndpoint())
                .isEqualTo("http://x:1/custom");
        assertThat(settings(c, Map.of("OTEL_TRACES_EXPORTER", "none")).otlpEndpoint()).isNull();
        assertThat(settings(c, Map.of("OTEL_SDK_DISABLED", "true")).enabled()).isFalse();
    }

    @Test
    void theSeedsJaegerHostMapsToJaegersOtlpReceiverWithANotice() {
        TracingSettings s = settings(new TracingConfig(null, "jaeger.local:6831", null, null, null, null, null, null), Map.of());
        assertThat(s.otlpEndpoint()).isEqualTo("http://jaeger.local:4318/v1/traces");
        assertThat(s.notices()).singleElement().asString().contains("jaeger_host", "OTLP");
        assertThat(settings(TracingConfigs.none(), Map.of()).enabled()).isFalse();
    }

    @Test
    void badOtelValuesAreUsageErrorsNamingTheVariable() {
        assertThatThrownBy(() -> settings(TracingConfigs.none(), Map.of("OTEL_TRACES_SAMPLER", "sometimes")))
                .isInstanceOf(P21monException.class).hasMessageContaining("OTEL_TRACES_SAMPLER");
        assertThatThrownBy(() -> settings(TracingConfigs.none(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "not a url")))
                .hasMessageContaining("OTEL_EXPORTER_OTLP_ENDPOINT");
        assertThatThrownBy(() -> settings(TracingConfigs.none(), Map.of("OTEL_TRACES_SAMPLER_ARG", "2")))
                .hasMessageContaining("OTEL_TRACES_SAMPLER_ARG");
    }

    static final class TracingConfigs {
        static TracingConfig none() {
            return new TracingConfig(null, null, null, null, null, null, null, null);
        }
    }
}
