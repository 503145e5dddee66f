package io.perfect21.p21mon.alerts;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The corpus of src/test/resources/alerts/rulefiles: good files pass, each bad file fails where promtool says. */
class RuleFileCheckerTest {
    static final Path CORPUS = Path.of("src/test/resources/alerts/rulefiles");

    static List<Path> files(String kind) throws IOException {
        try (Stream<Path> s = Files.list(CORPUS.resolve(kind))) {
            return s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    static RuleFileChecker.Result check(Path p) throws IOException {
        return RuleFileChecker.check(p.toString(), Files.readString(p));
    }

    @Test
    void everyGoodFilePasses() throws Exception {
        assertThat(files("good")).hasSizeGreaterThanOrEqualTo(3);
        for (Path p : files("good")) {
            assertThat(check(p).problems()).as(p.toString()).isEmpty();
        }
        assertThat(check(CORPUS.resolve("good/api.yml")).groups())
                .extracting(RuleFileChecker.FoundGroup::name, RuleFileChecker.FoundGroup::interval)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("api", "30s"),
                        org.assertj.core.groups.Tuple.tuple("api-slow", "1m"));
    }

    @Test
    void everyBadFileFailsAndNamesItself() throws Exception {
        assertThat(files("bad")).hasSizeGreaterThanOrEqualTo(15);
        for (Path p : files("bad")) {
            assertThat(Files.readString(p)).as(p + " says what promtool reports").startsWith("# promtool: ");
            List<RuleFileChecker.Problem> problems = check(p).problems();
            assertThat(problems).as(p.toString()).isNotEmpty();
            assertThat(problems).allSatisfy(x -> assertThat(x.toString()).startsWith(p + ":"));
        }
    }

    @Test
    void aPromqlErrorIsPlacedAtItsLineAndColumnInTheFile() throws Exception {
        RuleFileChecker.Problem p = check(CORPUS.resolve("bad/bad-promql.yml")).problems().get(0);
        // the ')' on line 9, column 11, inside a literal block
        assertThat(p.line()).isEqualTo(9);
        assertThat(p.column()).isEqualTo(11);
        assertThat(p.message()).isEqualTo("group \"a\", rule 1, \"job:up\": could not parse expression: "
                + "expected ',' or '}' but found ')'");
        RuleFileChecker.Problem q = check(CORPUS.resolve("bad/unknown-function.yml")).problems().get(0);
        assertThat(q.line()).isEqualTo(6);
        assertThat(q.column()).isEqualTo(15);
        assertThat(q.message()).contains("unknown function 'rat'");
    }

    @Test
    void yamlAndShapeErrorsCarryTheirLine() throws Exception {
        assertThat(check(CORPUS.resolve("bad/unknown-field.yml")).problems()).extracting(Object::toString)
                .containsExactly(CORPUS.resolve("bad/unknown-field.yml") + ":6:9: group \"a\", rule 1: unknown field "
                        + "'exp'; did you mean 'expr'?", CORPUS.resolve("bad/unknown-field.yml") + ":5:9: group \"a\", "
                        + "rule 1, \"X\": field 'expr' must be set in rule");
        assertThat(check(CORPUS.resolve("bad/groups-mapping.yml")).problems().get(0).toString())
                .isEqualTo(CORPUS.resolve("bad/groups-mapping.yml") + ":3:3: groups: expected a list (groups: [- name: …, "
                        + "rules: […]]), found a mapping");
        assertThat(check(CORPUS.resolve("bad/duplicate-key.yml")).problems().get(0).message())
                .isEqualTo("group \"a\", rule 1: mapping key \"expr\" already defined at line 6");
        assertThat(check(CORPUS.resolve("bad/duplicate-group.yml")).problems().get(0).toString())
                .endsWith(":7:5: groupname: \"a\" is repeated in the same file");
        assertThat(check(CORPUS.resolve("bad/yaml-syntax.yml")).problems().get(0).toString()).contains("YAML syntax error");
    }

    @Test
    void templatesAreCheckedAsGoParsesThem() {
        assertThat(TemplateChecker.problem("{{ $value | humanize }} on {{ $labels.instance }}")).isNull();
        assertThat(TemplateChecker.problem("{{ printf \"%.2f\" $value }} {{ with $labels }}{{ .job }}{{ end }}")).isNull();
        assertThat(TemplateChecker.problem("{{ range $i, $e := $labels }}{{ $i }}{{ end }}{{/* note */}}")).isNull();
        assertThat(TemplateChecker.problem("{{ if eq $value 1.0 }}one{{ else if gt $value 2.0 }}more{{ else }}?{{ end }}")).isNull();
        assertThat(TemplateChecker.problem("{{- $labels.job -}} and {{ \"}}\" }}")).isNull();
        assertThat(TemplateChecker.problem("{{ if $labels.x }}yes")).isEqualTo("unexpected EOF");
        assertThat(TemplateChecker.problem("yes{{ end }}")).isEqualTo("unexpected {{end}}");
        assertThat(TemplateChecker.problem("{{ $labels.x ")).isEqualTo("unclosed action");
        assertThat(TemplateChecker.problem("{{ $value | }}")).isEqualTo("missing value for command");
        assertThat(TemplateChecker.problem("{{ $x }}")).isEqualTo("undefined variable \"$x\"");
        assertThat(TemplateChecker.problem("{{ $x := 1 }}{{ $x }}")).isNull();
        assertThat(TemplateChecker.problem("{{ humanise $value }}")).isEqualTo("function \"humanise\" not defined");
        assertThat(TemplateChecker.problem("{{ (len $labels }}")).isEqualTo("unclosed left paren");
        assertThat(TemplateChecker.problem("{{ else }}")).isEqualTo("unexpected {{else}}");
    }
}
