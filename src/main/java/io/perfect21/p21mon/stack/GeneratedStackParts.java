package io.perfect21.p21mon.stack;

import io.perfect21.p21mon.alerts.AlertmanagerConfig;
import io.perfect21.p21mon.alerts.RecordingRule;
import io.perfect21.p21mon.alerts.RuleCatalogue;
import io.perfect21.p21mon.alerts.UserRuleFiles;
import io.perfect21.p21mon.alerts.RuleFile;
import io.perfect21.p21mon.alerts.RuleYaml;
import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.dashboards.DashboardGenerator;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The stack's parts from the real generators: the rule files of {@code alerts rules} (the rule catalogue), the
 * Alertmanager configuration of {@code alerts config} (from {@code alerting:}), and the dashboards of
 * {@code dashboards generate}, which may query the catalogue's recording rules.
 */
public final class GeneratedStackParts implements StackParts {
    private final Path workDir;

    /** @param workDir where relative paths of the configuration (templates, secret files) are resolved */
    public GeneratedStackParts(Path workDir) {
        this.workDir = workDir;
    }

    @Override
    public Map<String, String> ruleFiles(P21monConfig config) {
        Map<String, String> files = new LinkedHashMap<>();
        for (RuleFile f : RuleCatalogue.of(config).check().files()) {
            files.put(f.fileName(), RuleYaml.render(f));
        }
        // alerting.rule_files as they are, beside p21mon's (relative to the working directory here)
        files.putAll(UserRuleFiles.load(config.alerting(), workDir).requireValid().byTargetName());
        return files;
    }

    @Override
    public String alertmanagerYaml(P21monConfig config) {
        return new AlertmanagerConfig(config.alerting(), workDir).yaml(false);
    }

    /** The dashboards of {@code dashboards generate}; none with {@code dashboards.generate: false} (your own, then). */
    @Override
    public List<NamedFile> dashboards(P21monConfig config) {
        if (!config.dashboards().generate()) {
            return List.of();
        }
        Set<String> recorded = RuleCatalogue.of(config).recordingRules().stream().map(RecordingRule::record)
                .collect(Collectors.toSet());
        return DashboardGenerator.forConfig(config, workDir, recorded).generate(config, List.of(), null).stream()
                .map(d -> new NamedFile(d.fileName(), d.text())).toList();
    }
}
