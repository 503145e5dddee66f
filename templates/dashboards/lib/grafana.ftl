<#--
  p21mon's Grafana macros: a dashboard template reads like a layout, these write the JSON.

    <#import "lib/grafana.ftl" as g>
    <@g.dashboard name="my" tags=["service"]>
      <@g.row "Traffic"/>
      <@g.stat title="Requests/s" expr='sum(rate(p21_api_requests_total{${g.sel}}[$__rate_interval]))' unit="reqps"/>
      <@g.timeseries title="Latency p95" expr='...' unit="s" thresholds=[2] w=12/>
    </@g.dashboard>

  Panels flow left to right on Grafana's 24-column grid and wrap; a row starts a new line. Ids and gridPos are
  assigned here, so they are unique and never overlap. Every query uses the dashboard's datasource variable, so one
  dashboard works against any Prometheus. Model variables from p21mon: datasource_uid, schema_version, dashboards
  (name -> {uid, title}), slos, json(value), json_null.
-->
<#-- the label matchers every query of a p21mon dashboard carries: the job and instance variables -->
<#assign sel = 'job=~"$job",instance=~"$instance"'>
<#assign ds = {"type": "prometheus", "uid": r"${datasource}"}>
<#assign _panels = []>
<#assign _id = 0>
<#assign _x = 0>
<#assign _y = 0>
<#assign _lineH = 0>

<#-- health and check status gauges use the Nagios codes -->
<#assign statusMappings = [{"type": "value", "options": {
  "0": {"text": "Healthy", "color": "green", "index": 0},
  "1": {"text": "Degraded", "color": "orange", "index": 1},
  "2": {"text": "Unhealthy", "color": "red", "index": 2},
  "3": {"text": "Unknown", "color": "purple", "index": 3}}}]>
<#assign upMappings = [{"type": "value", "options": {
  "0": {"text": "Down", "color": "red", "index": 0},
  "1": {"text": "Up", "color": "green", "index": 1}}}]>

<#-- The whole dashboard: the nested content adds rows and panels, this writes the JSON around them. -->
<#macro dashboard name title="" tags=[] description="" time="now-6h" refresh="1m">
  <#assign _panels = [], _id = 0, _x = 0, _y = 0, _lineH = 0>
  <#nested>
  <#local d = {
    "uid": dashboards[name].uid,
    "title": title?has_content?then(title, dashboards[name].title),
    "description": description,
    "tags": ["p21mon"] + tags,
    "editable": true,
    "graphTooltip": 1,
    "timezone": "browser",
    "fiscalYearStartMonth": 0,
    "liveNow": false,
    "schemaVersion": schema_version,
    "version": 1,
    "time": {"from": time, "to": "now"},
    "timepicker": {"refresh_intervals": ["10s", "30s", "1m", "5m", "15m", "30m", "1h"]},
    "refresh": refresh,
    "templating": {"list": variables()},
    "annotations": {"list": annotations()},
    "links": [{"type": "dashboards", "title": "p21mon dashboards", "tags": ["p21mon"], "asDropdown": true,
               "includeVars": true, "keepTime": true, "icon": "external link", "targetBlank": false,
               "tooltip": "", "url": ""}],
    "panels": _panels
  }>
${json(d)}
</#macro>

<#-- datasource, job, instance: the variables every p21mon dashboard has -->
<#function variables>
  <#return [
    {"type": "datasource", "name": "datasource", "label": "Data source", "query": "prometheus",
     "current": {"selected": true, "text": datasource_uid, "value": datasource_uid},
     "hide": 0, "includeAll": false, "multi": false, "options": [], "refresh": 1, "regex": "", "skipUrlSync": false},
    queryVariable("job", "Job", "label_values(up, job)"),
    queryVariable("instance", "Instance", 'label_values(up{job=~"$job"}, instance)')
  ]>
</#function>

<#function queryVariable name label definition>
  <#return {"type": "query", "name": name, "label": label, "datasource": ds, "definition": definition,
    "query": {"query": definition, "refId": "PrometheusVariableQueryEditor-VariableQuery", "qryType": 1},
    "refresh": 2, "includeAll": true, "allValue": ".*", "multi": true, "sort": 1, "regex": "", "hide": 0,
    "current": {"selected": true, "text": ["All"], "value": ["$__all"]}, "options": [], "skipUrlSync": false}>
</#function>

<#-- Grafana's own annotations and alerts; deploys (Grafana annotations tagged "deploy"); host reboots -->
<#function annotations>
  <#return [
    {"builtIn": 1, "datasource": {"type": "grafana", "uid": "-- Grafana --"}, "enable": true, "hide": true,
     "iconColor": "rgba(0, 211, 255, 1)", "name": "Annotations & Alerts", "type": "dashboard"},
    {"datasource": {"type": "grafana", "uid": "-- Grafana --"}, "enable": true, "hide": false,
     "iconColor": "blue", "name": "Deploys",
     "target": {"type": "tags", "tags": ["deploy"], "limit": 100, "matchAny": true}},
    {"datasource": ds, "enable": true, "hide": false, "iconColor": "orange", "name": "Host reboots",
     "expr": 'changes(p21_host_boot_time_seconds{' + sel + '}[5m]) > 0', "step": "1m",
     "titleFormat": "Reboot", "textFormat": "{{instance}} rebooted", "useValueForTime": false}
  ]>
</#function>

<#-- A collapsible row; the panels after it belong to it. -->
<#macro row title>
  <#assign _y = _y + _lineH, _x = 0, _lineH = 0, _id = _id + 1>
  <#assign _panels = _panels + [{"id": _id, "type": "row", "title": title, "collapsed": false,
    "gridPos": {"h": 1, "w": 24, "x": 0, "y": _y}, "panels": []}]>
  <#assign _y = _y + 1>
</#macro>

<#-- places a panel on the grid: left to right, wrapping at 24 columns -->
<#macro _add panel w h>
  <#if _x + w gt 24>
    <#assign _y = _y + _lineH, _x = 0, _lineH = 0>
  </#if>
  <#assign _id = _id + 1>
  <#assign _panels = _panels + [{"id": _id, "gridPos": {"h": h, "w": w, "x": _x, "y": _y}} + panel]>
  <#assign _x = _x + w>
  <#if h gt _lineH><#assign _lineH = h></#if>
</#macro>

<#-- the queries of a panel: expr (+ legend) and/or queries=[{"expr": ..., "legend": ...}] -->
<#function targets expr queries legend instant format="time_series">
  <#local all = queries>
  <#if expr?has_content><#local all = [{"expr": expr, "legend": legend}] + queries></#if>
  <#local out = []>
  <#list all as q>
    <#local out = out + [{"refId": "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[q?index], "datasource": ds, "expr": q.expr,
      "legendFormat": (q.legend!"")?has_content?then(q.legend!"", "__auto"), "range": !instant, "instant": instant, "format": format}]>
  </#list>
  <#return out>
</#function>

<#-- thresholds=[70, 90]: green below 70, orange from 70, red from 90; colors=[...] to reverse (higher is better) -->
<#function thresholdSteps values colors>
  <#local palette = colors>
  <#if !palette?has_content>
    <#local palette = (values?size == 1)?then(["green", "red"], ["green", "orange", "red"])>
  </#if>
  <#local steps = [{"color": palette[0], "value": json_null}]>
  <#list values as v>
    <#local steps = steps + [{"color": palette[v?index + 1], "value": v}]>
  </#list>
  <#return {"mode": "absolute", "steps": steps}>
</#function>

<#function defaults unit thresholds colors min max decimals mappings colorMode>
  <#local d = {"unit": unit, "color": {"mode": colorMode}, "mappings": mappings,
    "thresholds": thresholdSteps(thresholds, colors)}>
  <#if min?has_content><#local d = d + {"min": min}></#if>
  <#if max?has_content><#local d = d + {"max": max}></#if>
  <#if decimals?has_content><#local d = d + {"decimals": decimals}></#if>
  <#return d>
</#function>

<#-- a drill-down link to another p21mon dashboard by name, keeping time range and variables -->
<#function links to>
  <#if !to?has_content><#return []></#if>
  <#return [{"title": "Open " + dashboards[to].title, "url": "/d/" + dashboards[to].uid
    + r"?${__url_time_range}&${__all_variables}"}]>
</#function>

<#function reduce>
  <#return {"calcs": ["lastNotNull"], "fields": "", "values": false}>
</#function>

<#macro stat title expr="" queries=[] legend="" unit="none" w=4 h=4 thresholds=[] colors=[] min="" max=""
    decimals="" mappings=[] link="" description="" graph=true>
  <@_add w=w h=h panel={"type": "stat", "title": title, "description": description, "datasource": ds,
    "targets": targets(expr, queries, legend, false), "links": links(link),
    "fieldConfig": {"defaults": defaults(unit, thresholds, colors, min, max, decimals, mappings, "thresholds"),
                    "overrides": []},
    "options": {"reduceOptions": reduce(), "colorMode": "value", "graphMode": graph?then("area", "none"),
                "justifyMode": "auto", "orientation": "auto", "textMode": "auto", "wideLayout": true,
                "showPercentChange": false}}/>
</#macro>

<#macro gauge title expr="" queries=[] legend="" unit="percentunit" w=6 h=6 thresholds=[] colors=[] min=0 max=1
    decimals="" mappings=[] link="" description="">
  <@_add w=w h=h panel={"type": "gauge", "title": title, "description": description, "datasource": ds,
    "targets": targets(expr, queries, legend, false), "links": links(link),
    "fieldConfig": {"defaults": defaults(unit, thresholds, colors, min, max, decimals, mappings, "thresholds"),
                    "overrides": []},
    "options": {"reduceOptions": reduce(), "orientation": "auto", "showThresholdLabels": false,
                "showThresholdMarkers": true, "sizing": "auto"}}/>
</#macro>

<#macro bargauge title expr="" queries=[] legend="" unit="none" w=12 h=8 thresholds=[] colors=[] min="" max=""
    decimals="" mappings=[] link="" description="" instant=true>
  <@_add w=w h=h panel={"type": "bargauge", "title": title, "description": description, "datasource": ds,
    "targets": targets(expr, queries, legend, instant), "links": links(link),
    "fieldConfig": {"defaults": defaults(unit, thresholds, colors, min, max, decimals, mappings, "thresholds"),
                    "overrides": []},
    "options": {"reduceOptions": reduce(), "orientation": "horizontal", "displayMode": "gradient",
                "showUnfilled": true, "valueMode": "color", "namePlacement": "auto", "sizing": "auto"}}/>
</#macro>

<#macro timeseries title expr="" queries=[] legend="" unit="none" w=12 h=8 thresholds=[] colors=[] min="" max=""
    decimals="" mappings=[] link="" description="" stack=false fill=10>
  <#local d = defaults(unit, thresholds, colors, min, max, decimals, mappings, "palette-classic") + {"custom": {
    "drawStyle": "line", "lineWidth": 1, "fillOpacity": fill, "gradientMode": "none", "showPoints": "never",
    "spanNulls": false, "axisPlacement": "auto", "stacking": {"mode": stack?then("normal", "none"), "group": "A"},
    "thresholdsStyle": {"mode": thresholds?has_content?then("line", "off")}}}>
  <@_add w=w h=h panel={"type": "timeseries", "title": title, "description": description, "datasource": ds,
    "targets": targets(expr, queries, legend, false), "links": links(link),
    "fieldConfig": {"defaults": d, "overrides": []},
    "options": {"legend": {"calcs": [], "displayMode": "list", "placement": "bottom", "showLegend": true},
                "tooltip": {"mode": "multi", "sort": "desc"}}}/>
</#macro>

<#-- instant queries shown as a table, one row per series (several queries merged by label); hide=["Time", ...] drops columns -->
<#macro table title expr="" queries=[] unit="none" w=12 h=8 thresholds=[] colors=[] mappings=[] link=""
    description="" hide=["Time", "__name__"]>
  <#local excluded = {}>
  <#list hide as column><#local excluded = excluded + {column: true}></#list>
  <@_add w=w h=h panel={"type": "table", "title": title, "description": description, "datasource": ds,
    "targets": targets(expr, queries, "", true, "table"), "links": links(link),
    "fieldConfig": {"defaults": defaults(unit, thresholds, colors, "", "", "", mappings, "thresholds") +
                    {"custom": {"align": "auto", "cellOptions": {"type": "color-text"}}}, "overrides": []},
    "transformations": (queries?size gt 1)?then([{"id": "merge", "options": {}}], [])
                       + [{"id": "organize", "options": {"excludeByName": excluded}}],
    "options": {"showHeader": true, "cellHeight": "sm", "footer": {"show": false, "reducer": ["sum"], "fields": ""}}}/>
</#macro>

<#macro text title content w=24 h=3 description="">
  <@_add w=w h=h panel={"type": "text", "title": title, "description": description,
    "options": {"mode": "markdown", "content": content}}/>
</#macro>
