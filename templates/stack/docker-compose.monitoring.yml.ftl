# ${header}
# The p21mon monitoring stack for Docker Compose: 'p21mon stack up --runtime docker' runs
#   docker compose -p p21mon-monitoring --project-directory . -f docker-compose.monitoring.yml up -d --wait
# Image versions are pinned; ports are published on P21MON_BIND (.env, default 127.0.0.1). Prometheus scrapes this
# host's 'p21mon metrics serve' at host.docker.internal:${ports.p21mon}, so run it listening beyond loopback (':${ports.p21mon}').

services:
  prometheus:
    image: prom/prometheus:v3.2.1
    command:
      - --config.file=/etc/prometheus/prometheus.yml
      - --storage.tsdb.path=/prometheus
      - --storage.tsdb.retention.time=${retention}
      - --web.enable-lifecycle
      - --web.external-url=http://localhost:${ports.prometheus}
    volumes:
      - ./prometheus.yml:/etc/prometheus/prometheus.yml:ro
      - ./rules:/etc/prometheus/rules:ro
      - ./targets:/etc/prometheus/targets:ro
      - prometheus-data:/prometheus
    ports:
      - "${r"${P21MON_BIND:-127.0.0.1}"}:${ports.prometheus}:9090"
    extra_hosts:
      - "host.docker.internal:host-gateway"
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://localhost:9090/-/ready"]
      interval: 10s
      timeout: 5s
      retries: 6
      start_period: 10s
    restart: unless-stopped

  alertmanager:
    image: prom/alertmanager:v0.28.1
    # alertmanager.yml is mode 0600 (it may hold a Slack webhook or SMTP password): read it as root in the container
    user: "0:0"
    command:
      - --config.file=/etc/alertmanager/alertmanager.yml
      - --storage.path=/alertmanager
      - --web.external-url=http://localhost:${ports.alertmanager}
      - --cluster.listen-address=
    volumes:
      - ./alertmanager.yml:/etc/alertmanager/alertmanager.yml:ro
      - alertmanager-data:/alertmanager
    ports:
      - "${r"${P21MON_BIND:-127.0.0.1}"}:${ports.alertmanager}:9093"
    extra_hosts:
      - "host.docker.internal:host-gateway"
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://localhost:9093/-/ready"]
      interval: 10s
      timeout: 5s
      retries: 6
      start_period: 5s
    restart: unless-stopped

  pushgateway:
    image: prom/pushgateway:v1.11.0
    command:
      - --persistence.file=/data/pushgateway.data
    volumes:
      - pushgateway-data:/data
    ports:
      - "${r"${P21MON_BIND:-127.0.0.1}"}:${ports.pushgateway}:9091"
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://localhost:9091/-/ready"]
      interval: 10s
      timeout: 5s
      retries: 6
    restart: unless-stopped

  node-exporter:
    image: prom/node-exporter:v1.9.0
    command:
      - --path.rootfs=/host
      - --no-collector.systemd
    pid: host
    volumes:
      - /:/host:ro,rslave
    ports:
      - "${r"${P21MON_BIND:-127.0.0.1}"}:${ports.node_exporter}:9100"
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://localhost:9100/metrics"]
      interval: 10s
      timeout: 5s
      retries: 6
    restart: unless-stopped

  grafana:
    image: grafana/grafana:11.5.2
    environment:
      GF_SECURITY_ADMIN_USER: admin
      GF_SECURITY_ADMIN_PASSWORD: "${r"${GRAFANA_ADMIN_PASSWORD:?run p21mon stack config to generate .env}"}"
      GF_USERS_ALLOW_SIGN_UP: "false"
      GF_ANALYTICS_REPORTING_ENABLED: "false"
    volumes:
      - ./grafana/provisioning:/etc/grafana/provisioning:ro
      - ./grafana/dashboards:/var/lib/grafana/dashboards:ro
      - grafana-data:/var/lib/grafana
    ports:
      - "${r"${P21MON_BIND:-127.0.0.1}"}:${ports.grafana}:3000"
    depends_on:
      prometheus:
        condition: service_healthy
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://localhost:3000/api/health"]
      interval: 10s
      timeout: 5s
      retries: 6
      start_period: 20s
    restart: unless-stopped
<#if with_logs>

  loki:
    image: grafana/loki:3.4.2
    command:
      - -config.file=/etc/loki/loki.yml
    volumes:
      - ./loki.yml:/etc/loki/loki.yml:ro
      - loki-data:/loki
    ports:
      - "${r"${P21MON_BIND:-127.0.0.1}"}:${ports.loki}:3100"
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://localhost:3100/ready"]
      interval: 10s
      timeout: 5s
      retries: 12
      start_period: 20s
    restart: unless-stopped
</#if>
<#if with_traces>

  jaeger:
    image: jaegertracing/all-in-one:1.66.0
    environment:
      SPAN_STORAGE_TYPE: badger
      BADGER_EPHEMERAL: "false"
      BADGER_DIRECTORY_VALUE: /badger/data
      BADGER_DIRECTORY_KEY: /badger/key
      BADGER_SPAN_STORE_TTL: ${retention_hours}h
      COLLECTOR_OTLP_ENABLED: "true"
    volumes:
      - jaeger-data:/badger
    ports:
      - "${r"${P21MON_BIND:-127.0.0.1}"}:${ports.jaeger}:16686"
      - "${r"${P21MON_BIND:-127.0.0.1}"}:${ports.otlp_grpc}:4317"
      - "${r"${P21MON_BIND:-127.0.0.1}"}:${ports.otlp_http}:4318"
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://localhost:14269/"]
      interval: 10s
      timeout: 5s
      retries: 6
    restart: unless-stopped
</#if>
<#if with_blackbox>

  blackbox:
    image: prom/blackbox-exporter:v0.25.0
    command:
      - --config.file=/etc/blackbox/blackbox.yml
    volumes:
      - ./blackbox.yml:/etc/blackbox/blackbox.yml:ro
    ports:
      - "${r"${P21MON_BIND:-127.0.0.1}"}:${ports.blackbox}:9115"
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://localhost:9115/-/healthy"]
      interval: 10s
      timeout: 5s
      retries: 6
    restart: unless-stopped
</#if>
<#if with_cadvisor>

  cadvisor:
    image: gcr.io/cadvisor/cadvisor:v0.49.2
    privileged: true
    volumes:
      - /:/rootfs:ro
      - /var/run:/var/run:ro
      - /sys:/sys:ro
      - /var/lib/docker/:/var/lib/docker:ro
    ports:
      - "${r"${P21MON_BIND:-127.0.0.1}"}:${ports.cadvisor}:8080"
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://localhost:8080/healthz"]
      interval: 10s
      timeout: 5s
      retries: 6
    restart: unless-stopped
</#if>

volumes:
  prometheus-data:
  alertmanager-data:
  pushgateway-data:
  grafana-data:
<#if with_logs>
  loki-data:
</#if>
<#if with_traces>
  jaeger-data:
</#if>
