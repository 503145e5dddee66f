# ${header}
# Jaeger v2 of the p21mon stack (native runtime, used when the 'jaeger' on PATH is Jaeger 2.x; Jaeger v1's
# jaeger-all-in-one gets flags instead): OTLP in on stack.ports.otlp_grpc/otlp_http, the query service and UI on
# stack.ports.jaeger, spans kept in memory. Its own gRPC query API and telemetry are on no fixed port.
service:
  extensions: [jaeger_storage, jaeger_query]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
  telemetry:
    metrics:
      level: none

extensions:
  jaeger_storage:
    backends:
      p21mon_traces:
        memory:
          max_traces: 100000
  jaeger_query:
    storage:
      traces: p21mon_traces
    http:
      endpoint: 127.0.0.1:${ports.jaeger?c}
    grpc:
      endpoint: 127.0.0.1:0

receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 127.0.0.1:${ports.otlp_grpc?c}
      http:
        endpoint: 127.0.0.1:${ports.otlp_http?c}

processors:
  batch: {}

exporters:
  jaeger_storage_exporter:
    trace_storage: p21mon_traces
