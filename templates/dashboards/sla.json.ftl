<#-- SLA: each SLO of the slos: configuration (or the default API availability at 99.9% over 30d): the objective,
     what was achieved, the error budget left and how fast it burns (the SRE workbook's multi-window burn rates). -->
<#import "lib/grafana.ftl" as g>
<@g.dashboard name="sla" tags=["sla", "slo"] time="now-7d"
    description="Service level objectives from the slos: configuration: compliance, error budget and burn rate.">
  <@g.row "All objectives"/>
  <@g.bargauge title="Error budget left" unit="percentunit" min=0 max=1 thresholds=[0.25, 0.5]
      colors=["red", "orange", "green"] w=12 h=6 instant=true queries=slos?map(o ->
      {"expr": '1 - (' + o.error_ratio.window + ') / ' + o.budget, "legend": o.name})
      description="Share of each SLO's error budget not yet spent over its whole window."/>
  <@g.text title="How to read this" w=12 h=6 content="Each SLO has an **objective** (say 99.9% of requests succeed over 30 days). "
      + "The **error budget** is what the objective allows to fail (0.1%). **Burn rate** is how fast the budget is spent: "
      + "1 spends exactly the budget over the window, 14.4 spends 2% of a 30-day budget in an hour (page), 6 spends 5% in 6 hours (page), "
      + "1 over 3 days is a ticket. The SLOs come from `slos:` in p21mon.yaml; `p21mon alerts rules` writes the matching burn-rate alerts."/>
  <#list slos as o>
  <@g.row o.name + ": " + o.objective + "% over " + o.window/>
  <@g.stat title="Objective" expr='vector(' + o.target + ')' unit="percentunit" decimals=3 graph=false w=4
      description="The objective of ${o.name}, from slos: in the configuration."/>
  <@g.stat title="Achieved over ${o.window}" expr='1 - (' + o.error_ratio.window + ')' unit="percentunit" decimals=3
      thresholds=[o.target] colors=["red", "green"] graph=false w=5/>
  <@g.gauge title="Error budget left" expr='1 - (' + o.error_ratio.window + ') / ' + o.budget thresholds=[0.25, 0.5]
      colors=["red", "orange", "green"] w=5 h=4/>
  <@g.stat title="Burn rate (1h)" expr='(' + o.error_ratio["1h"] + ') / ' + o.budget decimals=2 unit="none"
      thresholds=[1, 14.4] w=5/>
  <@g.stat title="Burn rate (6h)" expr='(' + o.error_ratio["6h"] + ') / ' + o.budget decimals=2 unit="none"
      thresholds=[1, 6] w=5/>
  <@g.timeseries title="Burn rate" unit="none" thresholds=[1, 6, 14.4] colors=["green", "yellow", "orange", "red"] w=12 queries=[
      {"expr": '(' + o.error_ratio["1h"] + ') / ' + o.budget, "legend": "1h"},
      {"expr": '(' + o.error_ratio["6h"] + ') / ' + o.budget, "legend": "6h"},
      {"expr": '(' + o.error_ratio["3d"] + ') / ' + o.budget, "legend": "3d"}]/>
  <@g.timeseries title="Error ratio" expr=o.error_ratio.rate legend="errors / total" unit="percentunit"
      thresholds=[o.budget] w=12/>
  </#list>
</@g.dashboard>
