<#-- Infrastructure: host resources (USE) and the state of scrape targets, checks and the exporter. -->
<#import "lib/grafana.ftl" as g>
<#assign s = g.sel>
<@g.dashboard name="infrastructure" tags=["infrastructure", "host"]
    description="CPU, memory, disk and network of the hosts p21mon watches, and the targets and checks behind them.">
  <@g.row "Host summary"/>
  <@g.stat title="CPUs" expr='sum(p21_host_cpus{${s}})' graph=false/>
  <@g.stat title="Load (1m)" expr='max(p21_host_load1{${s}})' decimals=2/>
  <@g.stat title="Memory total" expr='sum(p21_host_memory_total_bytes{${s}})' unit="bytes" graph=false/>
  <@g.stat title="Swap used" expr='sum(p21_host_swap_used_bytes{${s}})' unit="bytes"/>
  <@g.stat title="Uptime" expr='min(p21_host_uptime_seconds{${s}})' unit="s" graph=false/>
  <@g.gauge title="Fullest filesystem" expr='max(1 - p21_host_filesystem_avail_bytes{${s}} / p21_host_filesystem_size_bytes{${s}})'
      thresholds=[0.8, 0.9] w=4 h=4/>

  <@g.row "CPU and memory"/>
  <@g.timeseries title="CPU by mode" expr='sum by (mode) (rate(p21_host_cpu_seconds_total{mode!="idle",${s}}[$__rate_interval])) / scalar(sum(p21_host_cpus{${s}}))'
      legend="{{mode}}" unit="percentunit" min=0 max=1 stack=true fill=30/>
  <@g.timeseries title="Load average" w=6 queries=[
      {"expr": 'p21_host_load1{${s}}', "legend": "1m {{instance}}"},
      {"expr": 'p21_host_load5{${s}}', "legend": "5m {{instance}}"},
      {"expr": 'p21_host_load15{${s}}', "legend": "15m {{instance}}"}]/>
  <@g.timeseries title="Memory" unit="bytes" w=6 queries=[
      {"expr": 'p21_host_memory_used_bytes{${s}}', "legend": "used {{instance}}"},
      {"expr": 'p21_host_memory_available_bytes{${s}}', "legend": "available {{instance}}"},
      {"expr": 'p21_host_swap_used_bytes{${s}}', "legend": "swap used {{instance}}"}]/>

  <@g.row "Disk and network"/>
  <@g.timeseries title="Filesystem used" expr='1 - p21_host_filesystem_avail_bytes{${s}} / p21_host_filesystem_size_bytes{${s}}'
      legend="{{mountpoint}}" unit="percentunit" min=0 max=1 thresholds=[0.8, 0.9] w=8/>
  <@g.timeseries title="Disk throughput" unit="Bps" w=8 queries=[
      {"expr": 'sum by (device) (rate(p21_host_disk_read_bytes_total{${s}}[$__rate_interval]))', "legend": "read {{device}}"},
      {"expr": 'sum by (device) (rate(p21_host_disk_written_bytes_total{${s}}[$__rate_interval]))', "legend": "written {{device}}"}]/>
  <@g.timeseries title="Disk busy" expr='rate(p21_host_disk_io_time_seconds_total{${s}}[$__rate_interval])'
      legend="{{device}}" unit="percentunit" min=0 max=1 thresholds=[0.8] w=8/>
  <@g.timeseries title="Network traffic" unit="Bps" queries=[
      {"expr": 'sum by (device) (rate(p21_host_network_receive_bytes_total{${s}}[$__rate_interval]))', "legend": "in {{device}}"},
      {"expr": 'sum by (device) (rate(p21_host_network_transmit_bytes_total{${s}}[$__rate_interval]))', "legend": "out {{device}}"}]/>
  <@g.timeseries title="Network errors and drops" unit="pps" thresholds=[1] queries=[
      {"expr": 'sum(rate(p21_host_network_receive_errs_total{${s}}[$__rate_interval]))', "legend": "receive errors"},
      {"expr": 'sum(rate(p21_host_network_transmit_errs_total{${s}}[$__rate_interval]))', "legend": "transmit errors"},
      {"expr": 'sum(rate(p21_host_network_receive_drop_total{${s}}[$__rate_interval]))', "legend": "receive drops"}]/>

  <@g.row "Targets, checks and the exporter"/>
  <@g.table title="Scrape targets" expr='up{${s}}' mappings=g.upMappings thresholds=[1] colors=["red", "green"] w=8/>
  <@g.timeseries title="Health check status" expr='p21_health_check_status{${s}}' legend="{{check}}"
      mappings=g.statusMappings thresholds=[1, 2] min=0 max=3 w=8/>
  <@g.timeseries title="Exporter refresh duration" expr='p21_exporter_refresh_duration_seconds{${s}}' legend="{{source}}"
      unit="s" w=8/>
</@g.dashboard>
