package io.perfect21.p21mon.config;

/**
 * A check of a loaded configuration that needs more than one key or a feature's own knowledge (a check type's keys, a
 * route naming a channel, a rule expression). {@code config validate} runs every validator the CLI registers and
 * lists all problems at once; a validator adds each problem with its key's path, and {@link ConfigProblems} places
 * it at that key's line and column.
 */
@FunctionalInterface
public interface ConfigValidator {
    void validate(ConfigLoader.Loaded loaded, ConfigProblems problems);
}
