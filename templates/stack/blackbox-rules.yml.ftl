# ${header}
# Alert rules of blackbox_exporter's probes (--with blackbox): an http check of health.checks failing, a certificate
# about to expire.
groups:
  - name: p21mon-blackbox
    rules:
      - alert: ProbeFailing
        expr: probe_success{job="blackbox"} == 0
        for: 2m
        labels:
          severity: critical
        annotations:
          summary: "{{ $labels.instance }} fails its blackbox probe"
          description: "blackbox_exporter's http_2xx probe of {{ $labels.instance }} has failed for 2 minutes."
      - alert: CertificateExpiresSoon
        expr: probe_ssl_earliest_cert_expiry{job="blackbox"} - time() < 14 * 86400
        for: 10m
        labels:
          severity: warning
        annotations:
          summary: "the certificate of {{ $labels.instance }} expires in {{ $value | humanizeDuration }}"
          description: "Renew the TLS certificate served at {{ $labels.instance }} (less than 14 days left)."
