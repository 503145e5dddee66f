<#-- Quality: test coverage, quality scores and gates; the git workflow behind them. -->
<#import "lib/grafana.ftl" as g>
<#assign s = g.sel>
<@g.dashboard name="quality" tags=["quality", "git"]
    description="Code quality (p21_quality_*) and the git workflow: operations, hooks and repository state.">
  <@g.row "Quality"/>
  <@g.gauge title="Test coverage" expr='avg(p21_quality_test_coverage_ratio{${s}})' thresholds=[0.6, 0.8]
      colors=["red", "orange", "green"] w=6 h=7/>
  <@g.stat title="Quality gates passed" expr='sum(increase(p21_quality_gate_checks_total{result="passed",${s}}[$__range])) / sum(increase(p21_quality_gate_checks_total{${s}}[$__range]))'
      unit="percentunit" thresholds=[0.8, 0.95] colors=["red", "orange", "green"] w=6 h=7/>
  <@g.bargauge title="Quality score by check" expr='avg by (check) (p21_quality_score{${s}})' legend="{{check}}"
      min=0 max=100 thresholds=[60, 80] colors=["red", "orange", "green"] h=7/>
  <@g.timeseries title="Quality score" expr='avg by (check) (p21_quality_score{${s}})' legend="{{check}}" min=0 max=100
      thresholds=[60] colors=["red", "green"]/>
  <@g.timeseries title="Gate checks by result" expr='sum by (gate, result) (increase(p21_quality_gate_checks_total{${s}}[$__rate_interval]))'
      legend="{{gate}} {{result}}" stack=true/>

  <@g.row "Git workflow"/>
  <@g.timeseries title="Git operations" expr='sum by (operation, status) (rate(p21_git_operations_total{${s}}[$__rate_interval])) * 60'
      legend="{{operation}} {{status}}" unit="opm" w=8/>
  <@g.timeseries title="Hook executions" expr='sum by (hook, status) (rate(p21_git_hook_executions_total{${s}}[$__rate_interval])) * 60'
      legend="{{hook}} {{status}}" unit="opm" w=8/>
  <@g.timeseries title="Hook duration p95" expr='histogram_quantile(0.95, sum by (hook, le) (rate(p21_git_hook_duration_seconds_bucket{${s}}[$__rate_interval])))'
      legend="{{hook}}" unit="s" w=8/>
  <@g.timeseries title="Git operation duration p95" expr='histogram_quantile(0.95, sum by (operation, le) (rate(p21_git_operation_duration_seconds_bucket{${s}}[$__rate_interval])))'
      legend="{{operation}}" unit="s" w=8/>

  <@g.row "Repositories"/>
  <@g.table title="Repository state" w=16 hide=["Time", "__name__", "job"] queries=[
      {"expr": 'p21_git_dirty_files{${s}}', "legend": "dirty"},
      {"expr": 'p21_git_untracked_files{${s}}', "legend": "untracked"},
      {"expr": 'p21_git_commits_behind{${s}}', "legend": "behind"}]/>
  <@g.stat title="Since last commit" expr='time() - max(p21_git_last_commit_timestamp_seconds{${s}})' unit="s" w=8 h=8 graph=false/>
</@g.dashboard>
