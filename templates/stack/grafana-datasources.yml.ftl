# ${header}
# Grafana datasources of the p21mon stack; the dashboards reference the Prometheus one by uid "${datasource_uid}".
apiVersion: 1

datasources:
  - name: Prometheus
    uid: ${datasource_uid}
    type: prometheus
    access: proxy
    url: http://${addr.prometheus}
    isDefault: true
    jsonData:
      timeInterval: ${scrape_interval}
  - name: Alertmanager
    uid: alertmanager
    type: alertmanager
    access: proxy
    url: http://${addr.alertmanager}
    jsonData:
      implementation: prometheus
      handleGrafanaManagedAlerts: false
<#if with_logs>
  - name: Loki
    uid: loki
    type: loki
    access: proxy
    url: http://${addr.loki}
</#if>
<#if with_traces>
  - name: Jaeger
    uid: jaeger
    type: jaeger
    access: proxy
    url: http://${addr.jaeger}
</#if>
