<#-- Business: users, workspaces and what they use. -->
<#import "lib/grafana.ftl" as g>
<#assign s = g.sel>
<@g.dashboard name="business" tags=["business"]
    description="Users, workspaces, feature usage and API traffic by endpoint (p21_active_users, p21_workspaces, p21_feature_usage_total).">
  <@g.row "Now"/>
  <@g.stat title="Active users" expr='sum(p21_active_users{${s}})' w=6/>
  <@g.stat title="Workspaces" expr='sum(p21_workspaces{${s}})' w=6/>
  <@g.stat title="Feature uses in range" expr='sum(increase(p21_feature_usage_total{${s}}[$__range]))' decimals=0 w=6/>
  <@g.stat title="API requests in range" expr='sum(increase(p21_api_requests_total{${s}}[$__range]))' decimals=0 w=6
      link="overview"/>

  <@g.row "Trends"/>
  <@g.timeseries title="Active users and workspaces" queries=[
      {"expr": 'sum(p21_active_users{${s}})', "legend": "active users"},
      {"expr": 'sum(p21_workspaces{${s}})', "legend": "workspaces"}]/>
  <@g.timeseries title="Feature usage" expr='sum by (feature) (rate(p21_feature_usage_total{${s}}[$__rate_interval])) * 60'
      legend="{{feature}}" unit="opm" stack=true/>

  <@g.row "Breakdown"/>
  <@g.bargauge title="Top features in range" expr='topk(10, sum by (feature) (increase(p21_feature_usage_total{${s}}[$__range])))'
      legend="{{feature}}" decimals=0/>
  <@g.table title="Requests by endpoint in range" expr='sort_desc(sum by (endpoint, method) (increase(p21_api_requests_total{${s}}[$__range])))'
      hide=["Time"]/>
</@g.dashboard>
