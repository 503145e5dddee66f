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
