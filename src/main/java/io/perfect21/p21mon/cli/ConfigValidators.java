package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.config.ConfigValidator;
import io.perfect21.p21mon.health.HealthChecks;
import io.perfect21.p21mon.health.HealthContext;

import java.util.List;

/**
 * The checks {@code config validate} runs on a configuration once it is read, beyond what reading finds (syntax,
 * unknown keys, types, records' own constructors). A feature whose settings need its own code to judge (check types,
 * rule expressions, a route naming a channel) adds one line here: a {@link ConfigValidator} that calls the same code
 * its command uses, so validate and the command cannot disagree.
 */
final class ConfigValidators {
    private ConfigValidators() {
    }

    static List<ConfigValidator> all(Services s, ConfigOptions options) {
        return List.of(
                // health.checks: names, types, and each type's keys, as its factory declares them
                (loaded, problems) -> HealthChecks.standard().validate(new HealthContext(loaded.config(), loaded.source(),
                        s.hostProbe(), s.env(), s.workDir(), options.stateDir()), problems));
    }
}
