# ${header}
# blackbox_exporter modules of the p21mon stack (--with blackbox): Prometheus's job "blackbox" probes each http check
# of health.checks through module http_2xx.
modules:
  http_2xx:
    prober: http
    timeout: 10s
    http:
      preferred_ip_protocol: ip4
      follow_redirects: true
  tcp_connect:
    prober: tcp
    timeout: 5s
