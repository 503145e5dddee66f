<#-- the Grafana dashboard of 'stack config --with blackbox' (grafana/dashboards/blackbox.json) -->
<#noparse>
{
  "uid": "p21mon-blackbox",
  "title": "p21mon / Blackbox probes",
  "description": "blackbox_exporter probing the http checks of health.checks (stack --with blackbox): success, duration and certificate expiry per target.",
  "tags": [
    "p21mon",
    "blackbox",
    "probes"
  ],
  "editable": true,
  "fiscalYearStartMonth": 0,
  "graphTooltip": 1,
  "liveNow": false,
  "schemaVersion": 39,
  "version": 1,
  "time": {
    "from": "now-6h",
    "to": "now"
  },
  "refresh": "1m",
  "timezone": "browser",
  "timepicker": {
    "refresh_intervals": [
      "10s",
      "30s",
      "1m",
      "5m",
      "15m",
      "30m",
      "1h"
    ]
  },
  "links": [
    {
      "type": "dashboards",
      "title": "p21mon dashboards",
      "tags": [
        "p21mon"
      ],
      "asDropdown": true,
      "includeVars": true,
      "keepTime": true,
      "icon": "external link",
      "targetBlank": false,
      "tooltip": "",
      "url": ""
    }
  ],
  "annotations": {
    "list": [
      {
        "builtIn": 1,
        "datasource": {
          "type": "grafana",
          "uid": "-- Grafana --"
        },
        "enable": true,
        "hide": true,
        "iconColor": "rgba(0, 211, 255, 1)",
        "name": "Annotations & Alerts",
        "type": "dashboard"
      }
    ]
  },
  "templating": {
    "list": [
      {
        "type": "datasource",
        "name": "datasource",
        "label": "Data source",
        "query": "prometheus",
        "current": {
          "selected": true,
          "text": "prometheus",
          "value": "prometheus"
        },
        "hide": 0,
        "includeAll": false,
        "multi": false,
        "options": [],
        "refresh": 1,
        "regex": "",
        "skipUrlSync": false
      },
      {
        "type": "query",
        "name": "target",
        "label": "Target",
        "datasource": {
          "type": "prometheus",
          "uid": "${datasource}"
        },
        "definition": "label_values(probe_success{job=\"blackbox\"}, instance)",
        "query": {
          "query": "label_values(probe_success{job=\"blackbox\"}, instance)",
          "refId": "PrometheusVariableQueryEditor-VariableQuery",
          "qryType": 1
        },
        "refresh": 2,
        "includeAll": true,
        "allValue": ".*",
        "multi": true,
        "sort": 1,
        "regex": "",
        "hide": 0,
        "current": {
          "selected": true,
          "text": [
            "All"
          ],
          "value": [
            "$__all"
          ]
        },
        "options": [],
        "skipUrlSync": false
      }
    ]
  },
  "panels": [
    {
      "id": 1,
      "type": "row",
      "title": "Probes of the http checks of health.checks",
      "collapsed": false,
      "gridPos": {
        "h": 1,
        "w": 24,
        "x": 0,
        "y": 0
      },
      "panels": []
    },
    {
      "id": 2,
      "gridPos": {
        "h": 8,
        "w": 8,
        "x": 0,
        "y": 1
      },
      "type": "table",
      "title": "Probe success",
      "description": "probe_success per target: 1 when the http_2xx probe got a 2xx answer.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "targets": [
        {
          "refId": "A",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "probe_success{job=\"blackbox\",instance=~\"$target\"}",
          "legendFormat": "__auto",
          "range": false,
          "instant": true,
          "format": "table"
        }
      ],
      "links": [],
      "fieldConfig": {
        "defaults": {
          "unit": "none",
          "color": {
            "mode": "thresholds"
          },
          "mappings": [
            {
              "type": "value",
              "options": {
                "0": {
                  "text": "Down",
                  "color": "red",
                  "index": 0
                },
                "1": {
                  "text": "Up",
                  "color": "green",
                  "index": 1
                }
              }
            }
          ],
          "thresholds": {
            "mode": "absolute",
            "steps": [
              {
                "color": "red",
                "value": null
              },
              {
                "color": "green",
                "value": 1
              }
            ]
          },
          "custom": {
            "align": "auto",
            "cellOptions": {
              "type": "color-text"
            }
          }
        },
        "overrides": []
      },
      "transformations": [
        {
          "id": "organize",
          "options": {
            "excludeByName": {
              "Time": true,
              "__name__": true
            }
          }
        }
      ],
      "options": {
        "showHeader": true,
        "cellHeight": "sm",
        "footer": {
          "show": false,
          "reducer": [
            "sum"
          ],
          "fields": ""
        }
      }
    },
    {
      "id": 3,
      "gridPos": {
        "h": 8,
        "w": 16,
        "x": 8,
        "y": 1
      },
      "type": "timeseries",
      "title": "Probe duration",
      "description": "probe_duration_seconds per target: how long the whole probe took.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "targets": [
        {
          "refId": "A",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "probe_duration_seconds{job=\"blackbox\",instance=~\"$target\"}",
          "legendFormat": "{{instance}}",
          "range": true,
          "instant": false,
          "format": "time_series"
        }
      ],
      "links": [],
      "fieldConfig": {
        "defaults": {
          "unit": "s",
          "color": {
            "mode": "palette-classic"
          },
          "mappings": [],
          "thresholds": {
            "mode": "absolute",
            "steps": [
              {
                "color": "green",
                "value": null
              }
            ]
          },
          "min": 0,
          "custom": {
            "drawStyle": "line",
            "lineWidth": 1,
            "fillOpacity": 10,
            "gradientMode": "none",
            "showPoints": "never",
            "spanNulls": false,
            "axisPlacement": "auto",
            "stacking": {
              "mode": "none",
              "group": "A"
            },
            "thresholdsStyle": {
              "mode": "off"
            }
          }
        },
        "overrides": []
      },
      "options": {
        "legend": {
          "calcs": [],
          "displayMode": "list",
          "placement": "bottom",
          "showLegend": true
        },
        "tooltip": {
          "mode": "multi",
          "sort": "desc"
        }
      }
    },
    {
      "id": 4,
      "gridPos": {
        "h": 8,
        "w": 24,
        "x": 0,
        "y": 9
      },
      "type": "table",
      "title": "TLS certificate expires in",
      "description": "probe_ssl_earliest_cert_expiry - time() per https target: red under 7 days, orange under 14.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "targets": [
        {
          "refId": "A",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "probe_ssl_earliest_cert_expiry{job=\"blackbox\",instance=~\"$target\"} - time()",
          "legendFormat": "__auto",
          "range": false,
          "instant": true,
          "format": "table"
        }
      ],
      "links": [],
      "fieldConfig": {
        "defaults": {
          "unit": "s",
          "color": {
            "mode": "thresholds"
          },
          "mappings": [],
          "thresholds": {
            "mode": "absolute",
            "steps": [
              {
                "color": "red",
                "value": null
              },
              {
                "color": "orange",
                "value": 604800
              },
              {
                "color": "green",
                "value": 1209600
              }
            ]
          },
          "custom": {
            "align": "auto",
            "cellOptions": {
              "type": "color-text"
            }
          }
        },
        "overrides": []
      },
      "transformations": [
        {
          "id": "organize",
          "options": {
            "excludeByName": {
              "Time": true,
              "__name__": true
            }
          }
        }
      ],
      "options": {
        "showHeader": true,
        "cellHeight": "sm",
        "footer": {
          "show": false,
          "reducer": [
            "sum"
          ],
          "fields": ""
        }
      }
    }
  ]
}
</#noparse>
