package io.perfect21.p21mon.stack;

import io.perfect21.p21mon.config.P21monConfig;

import java.util.List;
import java.util.Map;

/**
 * What the stack takes from the alerts and dashboards features: Prometheus rule files (file name → YAML), the
 * Alertmanager configuration (YAML), and Grafana dashboards (file name → JSON). {@code stack config} writes them as
 * they come; it only adds its own {@code p21mon-verify} receiver to the Alertmanager configuration.
 * {@link GeneratedStackParts} is the one the CLI uses; a library user may give another.
 */
public interface StackParts {
    /** Rule files by file name ({@code p21mon.rules.yml}), each a Prometheus rule file. */
    Map<String, String> ruleFiles(P21monConfig config);

    /** The Alertmanager configuration, before {@code stack config} adds its verify receiver. */
    String alertmanagerYaml(P21monConfig config);

    /** Grafana dashboards, provisioned from {@code grafana/dashboards/}. */
    List<NamedFile> dashboards(P21monConfig config);

    /** A file by name and text. */
    record NamedFile(String name, String text) {
    }
}
