# ${header}
# Prometheus of the p21mon stack (${native?then("native runtime: loopback addresses", "docker compose: service names")}).
global:
  scrape_interval: ${scrape_interval}
  evaluation_interval: ${evaluation_interval}
  external_labels:
    monitor: p21mon

rule_files:
  - ${rules_dir}/*.yml

alerting:
  alertmanagers:
    - static_configs:
        - targets: ["${addr.alertmanager}"]

scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ["${addr.prometheus}"]

  - job_name: alertmanager
    static_configs:
      - targets: ["${addr.alertmanager}"]

  # this host's 'p21mon metrics serve', and every host of stack.targets / stack.targets_file and of any other
  # file dropped into ${targets_dir}/ (Prometheus file-based service discovery: new files are picked up live)
  - job_name: p21mon
    static_configs:
      - targets: ["${addr.p21mon}"]
    file_sd_configs:
      - files:
          - ${targets_dir}/*.json
          - ${targets_dir}/*.yml
        refresh_interval: 1m

  - job_name: pushgateway
    honor_labels: true
    static_configs:
      - targets: ["${addr.pushgateway}"]

  - job_name: node
    static_configs:
      - targets: ["${addr.node_exporter}"]
<#if with_blackbox>

  # blackbox_exporter probing the http checks of health.checks (the URL is the target; instance keeps it)
  - job_name: blackbox
    metrics_path: /probe
    params:
      module: [http_2xx]
    static_configs:
      - targets: [<#list probe_urls as u>"${u}"<#sep>, </#sep></#list>]
    relabel_configs:
      - source_labels: [__address__]
        target_label: __param_target
      - source_labels: [__param_target]
        target_label: instance
      - target_label: __address__
        replacement: ${addr.blackbox}
</#if>
<#if with_cadvisor && !native>

  - job_name: cadvisor
    static_configs:
      - targets: ["cadvisor:8080"]
</#if>
