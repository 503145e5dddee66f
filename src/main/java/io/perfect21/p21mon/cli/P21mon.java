package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.cli.render.Utf8Out;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code p21mon} root command and the one factory that wires the whole command tree with given services and
 * writers, so tests run the real wiring:
 *
 * <pre>{@code
 * int code = P21mon.commandLine(services, out, err).execute("config", "validate");
 * }</pre>
 */
public final class P21mon implements Runnable {
    /**
     * The top-level commands by name, in the order help lists them. They are registered here rather than in
     * {@code @Command(subcommands)} because picocli builds every listed command eagerly (about 10 ms a command class
     * cold), and one run needs only one of them.
     */
    static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("help", HelpCommand.class);
        m.put("config", ConfigCommand.class);
        m.put("health", HealthCommand.class);
        m.put("metrics", MetricsCommand.class);
        m.put("audit", AuditCommand.class);
        m.put("alerts", AlertsCommand.class);
        m.put("dashboards", DashboardsCommand.class);
        m.put("run", RunCommand.class);
        m.put("traces", TracesCommand.class);
        m.put("stack", StackCommand.class);
        m.put("shell", ShellCommand.class);
        m.put("top", TopCommand.class);
        m.put("generate-completion", CompletionCommand.class);
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * The subcommands of each command group, in the order help lists them: registered here rather than in
     * {@code @Command(subcommands)} for the same reason as {@link #COMMANDS}: a run builds only the one it names.
     */
    static final Map<Class<?>, Map<String, Class<?>>> GROUPS = Map.of(
            ConfigCommand.class, group("init", ConfigInitCommand.class, "validate", ConfigValidateCommand.class,
                    "show", ConfigShowCommand.class, "schema", ConfigSchemaCommand.class),
            MetricsCommand.class, group("serve", MetricsServeCommand.class, "show", MetricsShowCommand.class,
                    "push", MetricsPushCommand.class, "query", MetricsQueryCommand.class),
            AuditCommand.class, group("log", AuditLogCommand.class, "query", AuditQueryCommand.class,
                    "report", AuditReportCommand.class, "verify", AuditVerifyCommand.class,
                    "export", AuditExportCommand.class, "prune", AuditPruneCommand.class,
                    "import", AuditImportCommand.class, "anchor", AuditAnchorCommand.class,
                    "reindex", AuditReindexCommand.class),
            AlertsCommand.class, group("rules", AlertsRulesCommand.class, "test", AlertsTestCommand.class,
                    "eval", AlertsEvalCommand.class, "config", AlertsConfigCommand.class,
                    "list", AlertsListCommand.class, "fire", AlertsFireCommand.class,
                    "silence", AlertsSilenceCommand.class, "notify-test", AlertsNotifyTestCommand.class),
            AlertsSilenceCommand.class, group("add", AlertsSilenceAddCommand.class,
                    "list", AlertsSilenceListCommand.class, "expire", AlertsSilenceExpireCommand.class),
            DashboardsCommand.class, group("generate", DashboardsGenerateCommand.class,
                    "validate", DashboardsValidateCommand.class, "push", DashboardsPushCommand.class,
                    "migrate", DashboardsMigrateCommand.class),
            TracesCommand.class, group("services", TracesServicesCommand.class, "list", TracesListCommand.class,
                    "show", TracesShowCommand.class, "summary", TracesSummaryCommand.class),
            StackCommand.class, group("config", StackConfigCommand.class, "up", StackUpCommand.class,
                    "status", StackStatusCommand.class, "verify", StackVerifyCommand.class,
                    "down", StackDownCommand.class));

    /** A group's subcommands by name, from {@code name, class} pairs, in order. */
    private static Map<String, Class<?>> group(Object... nameAndClass) {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        for (int i = 0; i < nameAndClass.length; i += 2) {
            m.put((String) nameAndClass[i], (Class<?>) nameAndClass[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Options of the root command that take a value, skipped when looking for the command name. */
    private static final Set<String> ROOT_OPTIONS_WITH_VALUE = Set.of("-c", "--config", "--state-dir", "-o", "--output");

    private final Services services;

    private final CommandSpec spec;

    private P21mon(Services services) {
        this.services = services;
        this.spec = rootSpec(this);
    }

    /**
     * The root command's model, built in code rather than read from annotations: reading annotations makes the JVM
     * generate a proxy class per annotation type at run time (the class-data archive cannot keep those), which was a
     * quarter of {@code p21mon --version}. The subcommands keep their annotations; a run builds only the one it names.
     */
    private static CommandSpec rootSpec(P21mon root) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(root).name("p21mon").versionProvider(new VersionProvider());
        spec.usageMessage()
                .description("Monitoring and operations for a service and its hosts: health checks, Prometheus metrics, "
                        + "alerts, a tamper-evident audit log, dashboards, the monitoring stack, tracing.")
                .footerHeading("%nExit codes:%n")
                .footer("  0  success",
                        "  1  the operation ran and failed (server down, check failed, chain broken)",
                        "  2  bad usage or bad configuration",
                        "  health uses the Nagios codes instead: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.");
        // what picocli's mixinStandardHelpOptions adds, without its annotated mixin class
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        // -c, --state-dir, -v, -q, --no-color, -o given before the command (p21mon -o json health); ConfigOptions and
        // OutputOptions read them from here
        ConfigOptions.globalOptions().forEach(spec::addOption);
        spec.addOption(OutputOptions.globalOption());
        return spec;
    }

    public static void main(String[] args) {
        beforePicocli();
        PrintWriter out = new Utf8Out(System.out);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = commandLine(Services.system(), out, err, args).execute(args);
        out.flush();
        err.flush();
        if (code != 0 || otherThreadsHoldTheVm()) {
            System.exit(code);
        }
        // exit 0 by returning: the JVM ends as after any main, shutdown hooks included. System.exit would also look
        // up the System.Logger "java.lang.Runtime" (JDK 21+ logs exits), which starts java.util.logging and reads its
        // configuration: ~5 ms of every run (--version 119.1 against 113.4 ms, median of 40 pinned; ~10 ms for a
        // hello-world without an archive). Any other code, or a thread that would keep the JVM alive: System.exit.
    }

    /**
     * System properties that picocli reads when its classes initialize, so set before the first command line is built.
     * {@code picocli.disable.closures}: without it picocli looks up {@code groovy.lang.Closure}, a class that is not
     * there, and the class path search for it opens the 15,000-entry jar (~10 ms of every run, {@code --version}
     * included; every class a run needs comes from the class-data archive, so nothing else opens it).
     */
    static void beforePicocli() {
        System.setProperty("picocli.disable.closures", "true");
    }

    /** Whether a live thread other than this one is not a daemon, so that returning from main would wait for it. */
    static boolean otherThreadsHoldTheVm() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        for (int i = 0; i < n; i++) {
            Thread t = threads[i];
            if (t != Thread.currentThread() && t.isAlive() && !t.isDaemon()) {
                return true;
            }
        }
        return n == threads.length; // more threads than counted: be safe
    }

    /** The whole command tree, writing to the given writers, with the given view of the outside world. */
    public static CommandLine commandLine(Services services, PrintWriter out, PrintWriter err) {
        return build(services, out, err, COMMANDS.keySet(), List.of());
    }

    /**
     * The command tree as far as these arguments need it: only the command they name (and in a group, only the
     * subcommand named right after it), none for {@code --version}, and all of them for help, a missing or mistyped
     * command name (so picocli can list and suggest), and completion.
     */
    public static CommandLine commandLine(Services services, PrintWriter out, PrintWriter err, String... args) {
        Set<String> names = commandsFor(args);
        List<String> rest = List.of();
        if (names.size() == 1) {
            List<String> all = List.of(args);
            rest = all.subList(all.indexOf(names.iterator().next()) + 1, all.size());
        }
        return build(services, out, err, names, rest);
    }

    static Set<String> commandsFor(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (ROOT_OPTIONS_WITH_VALUE.contains(a)) {
                i++;
            } else if (a.equals("-h") || a.equals("--help") || a.equals("--")) {
                return COMMANDS.keySet();
            } else if (!a.startsWith("-")) {
                // help and generate-completion need every command; so does a name that is not one (for suggestions)
                return COMMANDS.containsKey(a) && !a.equals("help") && !a.equals("generate-completion")
                        ? Set.of(a) : COMMANDS.keySet();
            }
        }
        boolean versionOnly = args.length > 0 && List.of(args).stream().allMatch(a -> a.equals("-V") || a.equals("--version"));
        return versionOnly ? Set.of() : COMMANDS.keySet();
    }

    /** The tree with the top-level commands {@code names}; {@code rest} are the arguments after the one named. */
    private static CommandLine build(Services services, PrintWriter out, PrintWriter err, Set<String> names,
                                     List<String> rest) {
        ErrorHandler errors = new ErrorHandler();
        CommandLine cl = new CommandLine(new P21mon(services).spec);
        COMMANDS.forEach((name, type) -> {
            if (names.contains(name)) {
                // help and run are built in code (start-up time); the others from their annotations
                Object command = type == HelpCommand.class ? HelpCommand.commandLine()
                        : type == RunCommand.class ? RunCommand.spec() : command(type, rest);
                cl.addSubcommand(name, command);
            }
        });
        cl.setHelpFactory(WordWrapHelp::new); // help text broken at spaces only, never inside a path
        cl.setExecutionStrategy(P21mon::execute);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler(errors);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(OutputOptions.colorAllowed(services)
                ? CommandLine.Help.Ansi.AUTO : CommandLine.Help.Ansi.OFF));
        CommandLine gen = cl.getSubcommands().get("generate-completion");
        if (gen != null) {
            gen.getCommandSpec().usageMessage().hidden(true);
        }
        return cl;
    }

    /**
     * A command as picocli registers it: a leaf as its model from {@link CommandModels} (its class when that has none),
     * a group with its subcommands, of which only the one {@code rest} starts with when it names one (all of them
     * otherwise: help, a typo, no subcommand yet).
     */
    private static Object command(Class<?> type, List<String> rest) {
        CommandSpec model = CommandModels.of(type); // the annotations' model, built without reading them (start-up)
        Object command = model != null ? model : type;
        Map<String, Class<?>> children = GROUPS.get(type);
        if (children == null) {
            return command;
        }
        String next = rest.isEmpty() ? "" : rest.get(0);
        CommandLine group = model != null ? new CommandLine(model) : new CommandLine(type);
        if (children.containsKey(next)) {
            group.addSubcommand(next, command(children.get(next), rest.subList(1, rest.size())));
        } else {
            children.forEach((name, child) -> group.addSubcommand(name, command(child, List.of())));
            // every group with all its subcommands gets its own help, so help works at any depth
            // (p21mon audit help log); one built for a named subcommand cannot reach it
            group.addSubcommand("help", HelpCommand.commandLine());
        }
        return group;
    }

    /**
     * Runs the command the arguments name, after one check picocli cannot make: {@code -o} given before the command
     * name applies to the command's report, so a command that prints none refuses it, as it refuses its own.
     */
    private static int execute(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        if (leaf != parsed && parsed.hasMatchedOption("--output") && leaf.commandSpec().findOption("--output") == null
                && !leaf.commandSpec().helpCommand() && !leaf.isUsageHelpRequested()) {
            throw new CommandLine.ParameterException(leaf.commandSpec().commandLine(), "'"
                    + leaf.commandSpec().qualifiedName() + "' prints no report: -o/--output does not apply to it");
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /** The services given to {@link #commandLine}, found from any command's spec. */
    static Services services(CommandSpec spec) {
        return ((P21mon) spec.root().userObject()).services;
    }

    @Override
    public void run() {
        throw missingSubcommand(spec);
    }

    /**
     * The training run of {@code install.sh}, not a user command: runs each {@code ::}-separated command line in this
     * one JVM, in a scratch directory with a scratch HOME, output discarded and exit codes ignored (a command that does
     * not exist yet is just a usage error), so the class-data archive recorded from it covers what typical commands
     * load. The scratch directory holds {@code training.yaml}, a configuration with light checks, for {@code -c}.
     * {@code java -cp p21mon.jar 'io.perfect21.p21mon.cli.P21mon$Training' --version :: health -c training.yaml}
     * <p>
     * {@code --keep DIR} first: the scratch directory is DIR, kept afterwards, so that one run can write a store that a
     * second run, the one recorded, only reads ({@code audit query}'s own archive holds what a query loads, no more).
     */
    public static final class Training {
        private Training() {
        }

        public static void main(String[] args) throws IOException {
            beforePicocli();
            boolean keep = args.length >= 2 && args[0].equals("--keep");
            Path dir = keep ? Files.createDirectories(Path.of(args[1])) : Files.createTempDirectory("p21mon-training-");
            if (keep) {
                args = java.util.Arrays.copyOfRange(args, 2, args.length);
            }
            Map<String, String> env = new HashMap<>(System.getenv());
            env.remove("P21MON_CONFIG");
            env.put("HOME", dir.toString());
            env.put("XDG_CONFIG_HOME", dir.resolve(".config").toString());
            env.put("XDG_STATE_HOME", dir.resolve(".state").toString());
            // a configuration with the light check types, so their classes (and YAML parsing of checks) are archived
            Files.writeString(dir.resolve("training.yaml"), """
                    health:
                      checks:
                        - {name: cmd, type: command, command: ["true"]}
                        - {name: port, type: tcp, host: 127.0.0.1, port: 9, timeout: 1s}
                        - {name: proc, type: process, process: p21mon-training}
                        - {name: self, type: p21mon}
                    """);
            Files.write(dir.resolve("training-audit.jsonl"), trainingEvents(java.time.Instant.now()));
            Services services = Services.of(env, dir);
            List<String> run = new ArrayList<>();
            for (int i = 0; i <= args.length; i++) {
                if (i < args.length && !"::".equals(args[i])) {
                    run.add(args[i]);
                    continue;
                }
                if (!run.isEmpty()) {
                    PrintWriter sink = new PrintWriter(Writer.nullWriter());
                    String[] commandArgs = run.toArray(String[]::new);
                    commandLine(services, sink, sink, commandArgs).execute(commandArgs);
                    run.clear();
                }
            }
            if (!keep) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(f);
                    }
                }
            }
            // background threads of HTTP clients or probes must not keep the training JVM alive; without them it ends
            // as a run does (see main), so the archives hold what a run loads
            if (otherThreadsHoldTheVm()) {
                System.exit(0);
            }
        }

        /**
         * Events for the audit training ({@code audit import training-audit.jsonl}): three days of ten users, so that
         * with small postings segments (install.sh trains audit with {@code -Dp21mon.audit.segmentEntries=64}) the
         * queries after it read segments, a gzipped day and the index's tail, as queries on a real store do.
         */
        static List<String> trainingEvents(java.time.Instant now) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                java.time.Instant t = now.minus(java.time.Duration.ofDays(2)).plusSeconds(i * 288L);
                lines.add("{\"timestamp\":\"" + t + "\",\"event_type\":\"user_action\",\"level\":\"info\",\"user_id\":\"u"
                        + i % 10 + "\",\"source_ip\":\"10.0.0." + i % 7 + "\",\"resource\":\"/r" + i % 3
                        + "\",\"action\":\"train\",\"result\":\"success\",\"details\":{\"i\":" + i + "}}");
            }
            return lines;
        }
    }

    /** The usage error of a command group run without one of its subcommands. */
    static CommandLine.ParameterException missingSubcommand(CommandSpec group) {
        return new CommandLine.ParameterException(group.commandLine(), "Missing command: give one of "
                + String.join(", ", group.subcommands().keySet().stream()
                        .filter(n -> !group.subcommands().get(n).getCommandSpec().usageMessage().hidden()).toList()));
    }
}
