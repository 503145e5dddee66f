package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.alerts.CustomAlert;
import io.perfect21.p21mon.audit.AuditEventType;
import io.perfect21.p21mon.audit.AuditLevel;
import io.perfect21.p21mon.audit.AuditReporter;
import io.perfect21.p21mon.config.AlertingConfig;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What Tab completes as the value of an option or positional parameter, one rule for {@code p21mon shell} and the
 * bash, zsh and fish scripts, all read from the picocli model: the option's completion candidates (an enum's constants,
 * or a {@code completionCandidates} class below that iterates the very list or enum the value is checked against), file
 * names for a {@code Path} or {@code File}, nothing for free text. {@link #decorate} adds what the annotations cannot
 * say: each command's {@code -o} formats, from {@link ReportTypes}, where {@link OutputOptions#check} checks them.
 */
final class Completion {
    private Completion() {
    }

    /** How a value completes: these words, or file names, or (neither) not at all. */
    record Values(List<String> words, boolean files) {
        static final Values NONE = new Values(List.of(), false);

        boolean none() {
            return words.isEmpty() && !files;
        }
    }

    /** How the value of this option or positional parameter completes. */
    static Values values(ArgSpec arg) {
        if (arg.completionCandidates() != null) {
            List<String> words = new ArrayList<>();
            arg.completionCandidates().forEach(words::add);
            return new Values(List.copyOf(words), false);
        }
        Class<?> type = arg.typeInfo().isMultiValue() && arg.typeInfo().getAuxiliaryTypes().length > 0
                ? arg.typeInfo().getAuxiliaryTypes()[0] : arg.type();
        return type == File.class || type == Path.class ? new Values(List.of(), true) : Values.NONE;
    }

    /**
     * The tree made ready for completion (in place; returned for chaining): every command's {@code -o/--output}
     * offers its own formats, the root's every format; an enum's constants are offered in lower case, as the
     * documentation writes them (the tree accepts any case).
     */
    static CommandLine decorate(CommandLine root) {
        Set<String> all = new LinkedHashSet<>();
        decorate(root, all);
        OptionSpec rootOutput = root.getCommandSpec().findOption("--output");
        if (rootOutput != null) {
            replace(root.getCommandSpec(), rootOutput, List.copyOf(all));
        }
        return root;
    }

    private static void decorate(CommandLine command, Set<String> all) {
        CommandSpec spec = command.getCommandSpec();
        if (spec.parent() != null) {
            OptionSpec output = spec.findOption("--output");
            if (output != null) {
                List<String> formats = ReportTypes.formats(ReportTypes.name(spec));
                all.addAll(formats);
                replace(spec, output, formats);
            }
        }
        for (OptionSpec option : List.copyOf(spec.options())) {
            List<String> lower = lowerCaseEnum(option);
            if (lower != null) {
                replace(spec, option, lower);
            }
        }
        command.getSubcommands().values().forEach(sub -> decorate(sub, all));
    }

    /** An enum option's constants in lower case, when its candidates are the constants' names; else null. */
    private static List<String> lowerCaseEnum(OptionSpec option) {
        Class<?> type = option.typeInfo().isMultiValue() && option.typeInfo().getAuxiliaryTypes().length > 0
                ? option.typeInfo().getAuxiliaryTypes()[0] : option.type();
        if (!type.isEnum() || option.completionCandidates() == null) {
            return null;
        }
        List<String> names = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
        List<String> given = new ArrayList<>();
        option.completionCandidates().forEach(given::add);
        return given.equals(names) ? names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList() : null;
    }

    /** Replaces the option by a copy (same names, same field it sets) offering these words. */
    private static void replace(CommandSpec spec, OptionSpec option, List<String> words) {
        spec.remove(option);
        spec.addOption(option.toBuilder().completionCandidates(words).build());
    }

    /**
     * A completion candidates class over a fixed list (picocli instantiates it by its no-argument constructor). The
     * words are made when asked for: every run builds its command's model, few complete or print help.
     */
    abstract static class Words implements Iterable<String> {
        private final Supplier<Stream<String>> words;

        Words(Supplier<Stream<String>> words) {
            this.words = words;
        }

        @Override
        public Iterator<String> iterator() {
            return words.get().iterator();
        }
    }

    /** {@code alerts fire --severity}: {@link CustomAlert#SEVERITIES}, which it checks. */
    static final class Severities extends Words {
        Severities() {
            super(() -> CustomAlert.SEVERITIES.stream());
        }
    }

    /** {@code alerts fire --via}: {@link AlertsFireCommand#VIAS}, which it checks. */
    static final class Vias extends Words {
        Vias() {
            super(() -> AlertsFireCommand.VIAS.stream());
        }
    }

    /** {@code alerts notify-test --channel}: the channel types (a configured channel's own name works too). */
    static final class ChannelTypes extends Words {
        ChannelTypes() {
            super(() -> AlertingConfig.ChannelConfig.TYPES.stream());
        }
    }

    /** {@code audit … --type}: {@link AuditEventType}, which parses it. */
    static final class AuditTypes extends Words {
        AuditTypes() {
            super(() -> Arrays.stream(AuditEventType.values()).map(AuditEventType::value));
        }
    }

    /** {@code audit … --level}: {@link AuditLevel}, which parses it. */
    static final class AuditLevels extends Words {
        AuditLevels() {
            super(() -> Arrays.stream(AuditLevel.values()).map(AuditLevel::value));
        }
    }

    /** {@code audit report --by}: {@link AuditReporter#DIMENSIONS}, which it checks. */
    static final class ReportDimensions extends Words {
        ReportDimensions() {
            super(() -> AuditReporter.DIMENSIONS.stream());
        }
    }
}
