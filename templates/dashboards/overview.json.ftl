<#-- Overview: is everything healthy, is anything firing, is the service serving? Drill down from here. -->
<#import "lib/grafana.ftl" as g>
<#assign s = g.sel>
<@g.dashboard name="overview" tags=["overview"]
    description="Health, firing alerts and the golden signals at a glance; each panel links to its detail dashboard.">
  <@g.row "Status"/>
  <@g.stat title="Health" expr='max(p21_health_status{${s}})' thresholds=[1, 2] mappings=g.statusMappings graph=false
      link="infrastructure" description="Worst status of the last health run on the selected hosts."/>
  <@g.stat title="Targets up" expr='avg(up{${s}})' unit="percentunit" thresholds=[0.999] colors=["red", "green"]
      decimals=1 link="infrastructure" description="Share of the selected scrape targets that answered."/>
  <@g.stat title="Firing alerts" expr='count(ALERTS{alertstate="firing"}) or vector(0)' thresholds=[1] graph=false
      description="Alerts Prometheus is firing now (all jobs)."/>
  <@g.stat title="CPU busy" expr='1 - avg(rate(p21_host_cpu_seconds_total{mode="idle",${s}}[$__rate_interval]))'
      unit="percentunit" thresholds=[0.7, 0.9] decimals=1 link="infrastructure"/>
  <@g.stat title="Memory used" expr='sum(p21_host_memory_used_bytes{${s}}) / sum(p21_host_memory_total_bytes{${s}})'
      unit="percentunit" thresholds=[0.8, 0.9] decimals=1 link="infrastructure"/>
  <@g.stat title="Availability (SLO)" expr='1 - (sum(rate(p21_api_requests_total{status=~"5..",${s}}[$__range])) / sum(rate(p21_api_requests_total{${s}}[$__range])))'
      unit="percentunit" thresholds=[0.99, 0.999] colors=["red", "orange", "green"] decimals=2 link="sla"
      description="Share of API requests in the time range that did not fail with a 5xx."/>

  <@g.row "Service: rate, errors, duration"/>
  <@g.timeseries title="Request rate" expr='sum by (status) (rate(p21_api_requests_total{${s}}[$__rate_interval]))'
      legend="{{status}}" unit="reqps" w=8 stack=true link="business"/>
  <@g.timeseries title="Error ratio (5xx)" expr='sum(rate(p21_api_requests_total{status=~"5..",${s}}[$__rate_interval])) / sum(rate(p21_api_requests_total{${s}}[$__rate_interval]))'
      legend="5xx share" unit="percentunit" thresholds=[0.01, 0.05] w=8 link="sla"/>
  <@g.timeseries title="Latency" unit="s" thresholds=[2] w=8 link="sla" queries=[
      {"expr": 'histogram_quantile(0.5, sum by (le) (rate(p21_api_request_duration_seconds_bucket{${s}}[$__rate_interval])))', "legend": "p50"},
      {"expr": 'histogram_quantile(0.95, sum by (le) (rate(p21_api_request_duration_seconds_bucket{${s}}[$__rate_interval])))', "legend": "p95"},
      {"expr": 'histogram_quantile(0.99, sum by (le) (rate(p21_api_request_duration_seconds_bucket{${s}}[$__rate_interval])))', "legend": "p99"}]/>

  <@g.row "Host"/>
  <@g.timeseries title="CPU and memory" unit="percentunit" min=0 max=1 thresholds=[0.9] w=12 link="infrastructure" queries=[
      {"expr": '1 - avg by (instance) (rate(p21_host_cpu_seconds_total{mode="idle",${s}}[$__rate_interval]))', "legend": "CPU {{instance}}"},
      {"expr": 'p21_host_memory_used_bytes{${s}} / p21_host_memory_total_bytes{${s}}', "legend": "memory {{instance}}"}]/>
  <@g.timeseries title="Load per CPU" expr='p21_host_load1{${s}} / p21_host_cpus{${s}}' legend="{{instance}}"
      thresholds=[1, 2] w=6 link="infrastructure"/>
  <@g.timeseries title="Fullest filesystem" expr='max by (instance) (1 - p21_host_filesystem_avail_bytes{${s}} / p21_host_filesystem_size_bytes{${s}})'
      legend="{{instance}}" unit="percentunit" min=0 max=1 thresholds=[0.8, 0.9] w=6 link="infrastructure"/>

  <@g.row "Alerts and health checks"/>
  <@g.table title="Firing alerts" expr='ALERTS{alertstate="firing"}' hide=["Time", "__name__", "Value", "alertstate"]
      description="Alerts firing now, with their labels."/>
  <@g.table title="Health checks" expr='p21_health_check_status{${s}}' mappings=g.statusMappings thresholds=[1, 2]
      hide=["Time", "__name__"] link="infrastructure" description="Each check of the last health run: 0 healthy, 1 degraded, 2 unhealthy, 3 unknown."/>
</@g.dashboard>
