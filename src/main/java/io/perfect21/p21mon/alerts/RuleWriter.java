package io.perfect21.p21mon.alerts;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.AtomicFiles;
import io.perfect21.p21mon.P21monException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the catalogue's rule files into a directory ({@code alerts rules --out DIR}), each atomically, and reports
 * what each holds.
 */
public final class RuleWriter {
    /** One file written: its path and how many groups, alerting and recording rules it holds. */
    public record Written(String file, int groups, int alertRules, int recordingRules) {
    }

    /** What {@code alerts rules --out DIR} wrote. */
    public record RulesReport(String dir, List<Written> files) {
        public RulesReport {
            files = List.copyOf(files);
        }
    }

    private RuleWriter() {
    }

    /** Writes every file of the catalogue into {@code dir} (created when missing). */
    public static RulesReport write(RuleCatalogue catalogue, Path dir) {
        return write(catalogue, null, dir);
    }

    /**
     * Writes every file of the catalogue and, beside them, a copy of each of the user's rule files exactly as it is
     * ({@code user-NAME.yml}), so that a Prometheus whose {@code rule_files} names {@code DIR/*.yml} loads them all.
     */
    public static RulesReport write(RuleCatalogue catalogue, UserRuleFiles userFiles, Path dir) {
        List<Written> out = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (RuleFile f : catalogue.files()) {
                Path file = dir.resolve(f.fileName());
                AtomicFiles.write(file, RuleYaml.render(f));
                out.add(new Written(file.toString(), f.groups().size(), f.alertRules().size(), f.recordingRules().size()));
            }
            if (userFiles != null) {
                for (UserRuleFiles.UserRuleFile f : userFiles.files()) {
                    Path file = dir.resolve(f.targetName());
                    AtomicFiles.write(file, f.text());
                    List<RuleFileChecker.FoundRule> rules = f.check().groups().stream().flatMap(g -> g.rules().stream()).toList();
                    out.add(new Written(file.toString(), f.check().groups().size(),
                            (int) rules.stream().filter(r -> r.kind().equals("alert")).count(),
                            (int) rules.stream().filter(r -> r.kind().equals("record")).count()));
                }
            }
        } catch (IOException e) {
            throw P21monException.failed("cannot write the rule files to " + dir + ": " + IoErrors.describe(dir, e), e);
        }
        return new RulesReport(dir.toString(), out);
    }
}
