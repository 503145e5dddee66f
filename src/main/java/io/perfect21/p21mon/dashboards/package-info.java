/**
 * {@code p21mon dashboards}: the seed's six Grafana dashboards (overview, agents, quality, infrastructure, sla,
 * business) rendered from FreeMarker templates, checked, written and pushed to Grafana. The flow starts at
 * {@link io.perfect21.p21mon.dashboards.DashboardGenerator#generate}: {@link io.perfect21.p21mon.dashboards.TemplateEngine}
 * renders each template (built-in ones from the classpath, overlaid by {@code dashboards.templates_dir}), Jackson
 * parses the text, {@link io.perfect21.p21mon.dashboards.DashboardValidator} checks it against the metric names p21mon
 * knows ({@link io.perfect21.p21mon.dashboards.KnownMetrics}); {@link io.perfect21.p21mon.dashboards.DashboardPusher}
 * upserts the result through {@link io.perfect21.p21mon.client.GrafanaClient}. Dashboards brought from Grafana (API and
 * export shapes) go through the same validator, which checks Loki targets with {@link io.perfect21.p21mon.dashboards.Logql}
 * after {@link io.perfect21.p21mon.dashboards.GrafanaVariables} interpolates them;
 * {@link io.perfect21.p21mon.dashboards.DashboardMigrator} replaces their deprecated panels.
 */
package io.perfect21.p21mon.dashboards;
