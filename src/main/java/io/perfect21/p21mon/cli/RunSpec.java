package io.perfect21.p21mon.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The model of {@code p21mon run} built in code (see {@link RunCommand}): its options, help and exit codes. */
final class RunSpec {
    private RunSpec() {
    }

    static CommandSpec build(RunCommand run) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(run).name("run").versionProvider(new VersionProvider());
        spec.exitCodeOnInvalidInput(125).exitCodeOnExecutionException(125);
        // 'p21mon run ls -la' as well as 'p21mon run -- ls -la': the first word that is not run's own starts the job
        spec.parser().stopAtPositional(true);
        Map<String, String> exitCodes = new LinkedHashMap<>();
        exitCodes.put("N", "the job's own exit code");
        exitCodes.put("124", "the job ran out of --timeout (stopped: SIGTERM, SIGKILL after 5s)");
        exitCodes.put("125", "p21mon run itself failed (bad flag, bad configuration, no command)");
        exitCodes.put("126", "the command cannot be run (permission denied, is a directory)");
        exitCodes.put("127", "the command was not found (not in PATH, no such file)");
        exitCodes.put("128+n", "the job was killed by signal n");
        spec.usageMessage()
                .description("Run a job with this terminal's stdin, stdout and stderr, and pass its exit code through. "
                        + "Records one span (parented to $TRACEPARENT; the job gets its own TRACEPARENT; a failed job's span is "
                        + "kept whatever the sampling ratio, with tracing.keep_errors), the p21_job_* "
                        + "metrics (with --push), an agent_execution audit event, and an alert when it fails or times out "
                        + "(with --notify). A recording that fails is a warning on stderr; the exit code stays the job's.",
                        "Defaults per job come from jobs: in the configuration ({name: backup, timeout: 2h, notify: true}).")
                .footerHeading("%nExamples:%n")
                .footer("  p21mon run --name backup --timeout 2h --push -- /usr/local/bin/backup --full",
                        "  p21mon run --notify -- pg_dump -f /srv/db.sql app",
                        "  TRACEPARENT=00-…-01 p21mon run -- ./step.sh   # the job's span joins the caller's trace")
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(exitCodes);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        ConfigOptions.globalOptions().forEach(spec::addOption);
        spec.addOption(OptionSpec.builder("--name").paramLabel("JOB").type(String.class)
                .description("Job name (metrics, audit, alert, jobs: entry). Default: the command's file name.").build());
        spec.addOption(OptionSpec.builder("--timeout").paramLabel("DURATION").type(String.class)
                .description("Stop the job after this long (e.g. 90s, 2h); exit code 124. Default: the job's jobs: "
                        + "timeout, else none.").build());
        spec.addOption(OptionSpec.builder("--push").paramLabel("URL").type(String.class).arity("0..1").fallbackValue("")
                .description("Push the p21_job_* metrics to this Pushgateway (no URL: metrics.pushgateway_url).").build());
        spec.addOption(OptionSpec.builder("--notify").type(Boolean.class).negatable(true).arity("0")
                .description("Alert through alerting: channels when the job fails or times out, and resolve on its next "
                        + "success. Default: the job's jobs: notify.").build());
        spec.addOption(OptionSpec.builder("--audit").type(boolean.class).negatable(true).arity("0")
                .defaultValue("true").initialValue(true)
                .description("Append an agent_execution event to the audit log (default: on; --no-audit: off).").build());
        spec.addPositional(PositionalParamSpec.builder().paramLabel("CMD").arity("1..*").required(true)
                .type(List.class).auxiliaryTypes(String.class)
                .description("The command and its arguments, after --.").build());
        return spec;
    }

    /** The shared configuration options, filled from this spec's own -c, --state-dir, -v and -q. */
    static ConfigOptions configOptions(CommandSpec spec) {
        ConfigOptions options = new ConfigOptions();
        options.mixee = spec;
        options.configFile = spec.findOption("--config").<Path>getValue();
        options.stateDir = spec.findOption("--state-dir").<Path>getValue();
        options.verbose = Boolean.TRUE.equals(spec.findOption("--verbose").getValue());
        options.quiet = Boolean.TRUE.equals(spec.findOption("--quiet").getValue());
        return options;
    }
}
