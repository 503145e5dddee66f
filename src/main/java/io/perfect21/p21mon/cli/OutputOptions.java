package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.cli.render.Renderers;
import io.perfect21.p21mon.cli.render.Style;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** {@code -o/--output} (and {@code --no-color}, from {@link ConfigOptions}): how a command prints its result on stdout. */
public final class OutputOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private static final String OUTPUT_HELP = "Output format: table, json, yaml, or one of this command's own (see its description).";

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = OUTPUT_HELP)
    String format;

    /** The root command's copy of {@code -o}, built in code (see {@code P21mon}). */
    static OptionSpec globalOption() {
        return OptionSpec.builder("-o", "--output").paramLabel("FORMAT").type(String.class).description(OUTPUT_HELP).build();
    }

    /** The chosen format ({@code -o} after or before the command name), or the command's default. */
    public String format(String defaultFormat) {
        if (format != null) {
            return format;
        }
        String global = ConfigOptions.global(mixee, "--output");
        return global != null ? global : defaultFormat;
    }

    /** Whether colour is allowed: a terminal, no {@code NO_COLOR}, no {@code --no-color}, {@code TERM} not dumb. */
    public Style style() {
        return new Style(!noColor() && colorAllowed(P21mon.services(mixee)));
    }

    /** {@code --no-color} is one of {@link ConfigOptions}' (every command has it); read here by name. */
    private boolean noColor() {
        OptionSpec own = mixee.findOption("--no-color");
        return (own != null && Boolean.TRUE.equals(own.getValue())) || Boolean.TRUE.equals(ConfigOptions.global(mixee, "--no-color"));
    }

    /** Colour by the environment alone: stdout a terminal, {@code NO_COLOR} unset or empty, {@code TERM} not dumb. */
    static boolean colorAllowed(Services s) {
        String noColorEnv = s.env().get("NO_COLOR");
        return s.terminal() && (noColorEnv == null || noColorEnv.isEmpty()) && !"dumb".equals(s.env().get("TERM"));
    }

    /**
     * Fails with a usage error before any work when the result type has no such format. The type must be one
     * {@link ReportTypes} lists for the command (where completion of {@code -o} reads the formats from).
     */
    public void check(Class<?> resultType, String defaultFormat) {
        ReportTypes.requireDeclared(mixee, resultType);
        Renderers.check(resultType, format(defaultFormat), mixee.qualifiedName());
    }

    /** Prints the result on stdout in the chosen format (default {@code table}). */
    public void print(Object result) {
        print(result, "table");
    }

    /** Prints the result on stdout in the chosen format, or {@code defaultFormat}. */
    public void print(Object result, String defaultFormat) {
        PrintWriter out = mixee.commandLine().getOut();
        Renderers.render(result, format(defaultFormat), out, style());
    }
}
