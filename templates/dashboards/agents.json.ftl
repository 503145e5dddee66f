<#-- Agents: how often agents run, how often they fail, how long they take; parallel workflows. -->
<#import "lib/grafana.ftl" as g>
<#assign s = g.sel>
<#assign ok = 'status=~"success|ok|passed"'>
<@g.dashboard name="agents" tags=["agents"]
    description="Agent executions (p21_agent_*) and parallel workflows (p21_parallel_workflow_*) recorded by the library.">
  <@g.row "Executions"/>
  <@g.stat title="Executions / min" expr='sum(rate(p21_agent_executions_total{${s}}[$__rate_interval])) * 60' unit="opm" w=6/>
  <@g.stat title="Success rate" expr='sum(rate(p21_agent_executions_total{${ok},${s}}[$__range])) / sum(rate(p21_agent_executions_total{${s}}[$__range]))'
      unit="percentunit" thresholds=[0.9, 0.99] colors=["red", "orange", "green"] decimals=1 w=6/>
  <@g.stat title="Duration p95" expr='histogram_quantile(0.95, sum by (le) (rate(p21_agent_execution_duration_seconds_bucket{${s}}[$__range])))'
      unit="s" thresholds=[60, 300] w=6 description="Long agent executions (over 5m) alert as LongAgentExecution."/>
  <@g.stat title="Agents running in parallel" expr='sum(p21_parallel_workflow_agents_running{${s}})' w=6/>

  <@g.row "By agent"/>
  <@g.timeseries title="Executions by agent" expr='sum by (agent) (rate(p21_agent_executions_total{${s}}[$__rate_interval])) * 60'
      legend="{{agent}}" unit="opm" stack=true/>
  <@g.timeseries title="Failures by agent" expr='sum by (agent, status) (rate(p21_agent_executions_total{status!~"success|ok|passed",${s}}[$__rate_interval])) * 60'
      legend="{{agent}} {{status}}" unit="opm" thresholds=[1]/>
  <@g.timeseries title="Duration p95 by agent" expr='histogram_quantile(0.95, sum by (agent, le) (rate(p21_agent_execution_duration_seconds_bucket{${s}}[$__rate_interval])))'
      legend="{{agent}}" unit="s" thresholds=[300]/>
  <@g.bargauge title="Success rate by agent" expr='sum by (agent) (rate(p21_agent_executions_total{${ok},${s}}[$__range])) / sum by (agent) (rate(p21_agent_executions_total{${s}}[$__range]))'
      legend="{{agent}}" unit="percentunit" min=0 max=1 thresholds=[0.9, 0.99] colors=["red", "orange", "green"]/>

  <@g.row "Parallel workflows"/>
  <@g.timeseries title="Workflow runs by status" expr='sum by (status) (rate(p21_parallel_workflow_runs_total{${s}}[$__rate_interval])) * 60'
      legend="{{status}}" unit="opm" w=8 stack=true/>
  <@g.timeseries title="Workflow duration" unit="s" w=8 queries=[
      {"expr": 'histogram_quantile(0.5, sum by (le) (rate(p21_parallel_workflow_duration_seconds_bucket{${s}}[$__rate_interval])))', "legend": "p50"},
      {"expr": 'histogram_quantile(0.95, sum by (le) (rate(p21_parallel_workflow_duration_seconds_bucket{${s}}[$__rate_interval])))', "legend": "p95"}]/>
  <@g.timeseries title="Agents per workflow run" w=8 queries=[
      {"expr": 'sum(rate(p21_parallel_workflow_concurrency_sum{${s}}[$__rate_interval])) / sum(rate(p21_parallel_workflow_concurrency_count{${s}}[$__rate_interval]))', "legend": "mean"},
      {"expr": 'histogram_quantile(0.95, sum by (le) (rate(p21_parallel_workflow_concurrency_bucket{${s}}[$__rate_interval])))', "legend": "p95"}]/>
</@g.dashboard>
