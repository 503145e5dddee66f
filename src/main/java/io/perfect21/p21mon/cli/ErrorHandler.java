package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.P21monException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;

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
        CommandLine.Model.CommandSpec spec = cmd.getCommandSpec();
        int code;
        if (ex instanceof io.perfect21.p21mon.config.ConfigException c
                && c.problems().stream().allMatch(problem -> problem.file() != null)) {
            // every problem of a configuration file, one a line
            c.problems().forEach(problem -> err.println("p21mon: " + problem));
            code = spec.exitCodeOnInvalidInput();
        } else if (ex instanceof P21monException p) {
            err.println("p21mon: " + p.getMessage());
            code = p.kind() == P21monException.Kind.USAGE ? spec.exitCodeOnInvalidInput() : spec.exitCodeOnExecutionException();
        } else if (ex instanceof ParameterException pe) {
            return handleParseException(pe, new String[0]);
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
        err.println("p21mon: " + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        if (verbose(cmd.getParseResult())) {
            ex.printStackTrace(err);
        }
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
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
