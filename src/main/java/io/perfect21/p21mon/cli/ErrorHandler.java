package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.P21monException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one place errors become messages and exit codes. A {@link P21monException} prints its message alone; anything
 * else is an internal error. Stack traces appear only with {@code --verbose}. Exit codes come from the command's
 * own {@code exitCodeOnInvalidInput} / {@code exitCodeOnExecutionException}, so {@code health} can answer 3 (UNKNOWN)
 * where other commands answer 2 or 1.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        boolean verbose = verbose(parseResult);
        CommandSpec spec = cmd.getCommandSpec();
        int code;
        if (ex instanceof io.perfect21.p21mon.config.ConfigException c
                && c.problems().stream().allMatch(problem -> problem.file() != null)) {
            // every problem of a configuration file, one a line
            c.problems().forEach(problem -> err.println("p21mon: " + problem));
            code = spec.exitCodeOnInvalidInput();
        } else if (ex instanceof P21monException p) {
            err.println("p21mon: " + asTyped(p.getMessage(), spec, parseResult.originalArgs()));
            code = p.kind() == P21monException.Kind.USAGE ? spec.exitCodeOnInvalidInput() : spec.exitCodeOnExecutionException();
        } else if (ex instanceof ParameterException pe) {
            return handleParseException(pe, new String[0]);
        } else if (ex instanceof IOException || ex instanceof UncheckedIOException) {
            // a file or stream that failed where no command caught it: the OS's words, not Java's class name
            err.println("p21mon: " + IoErrors.describe(ex));
            code = spec.exitCodeOnExecutionException();
        } else {
            err.println("p21mon: internal error: " + ex + (verbose ? "" : " (run with --verbose for details)"));
            code = spec.exitCodeOnExecutionException();
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("p21mon: " + asTyped(ex.getMessage(), cmd.getCommandSpec(), java.util.Arrays.asList(args)));
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        if (verbose(cmd.getParseResult())) {
            ex.printStackTrace(err);
        }
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * The message with each option named as the user typed it: a command (or picocli) names an option by its longest
     * name ({@code --iterations}); when the user typed another of its names ({@code -n}), that is the one to show.
     */
    static String asTyped(String message, CommandSpec spec, List<String> args) {
        if (message == null || args == null || args.isEmpty()) {
            return message;
        }
        String result = message;
        List<OptionSpec> options = new ArrayList<>(spec.options());
        if (spec.root() != spec) {
            options.addAll(spec.root().options());
        }
        for (OptionSpec option : options) {
            String longest = option.longestName();
            if (option.names().length < 2 || !result.contains(longest)) {
                continue;
            }
            String typed = typedName(option, args);
            if (typed != null && !typed.equals(longest)) {
                result = result.replaceAll("(?<![\\w-])" + Pattern.quote(longest) + "(?![\\w-])",
                        java.util.regex.Matcher.quoteReplacement(typed));
            }
        }
        return result;
    }

    /** The name of {@code option} as it appears in {@code args} ({@code -n 3}, {@code -n3}, {@code --iterations=3}). */
    private static String typedName(OptionSpec option, List<String> args) {
        for (String arg : args) {
            if ("--".equals(arg)) {
                return null;
            }
            for (String name : option.names()) {
                boolean shortName = name.length() == 2 && !name.startsWith("--");
                if (arg.equals(name) || arg.startsWith(name + "=") || (shortName && arg.startsWith(name) && option.arity().max() > 0)) {
                    return name;
                }
            }
        }
        return null;
    }

    private static boolean verbose(ParseResult result) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
