package io.perfect21.p21mon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Man pages in roff, written straight from the picocli model of the command tree (no AsciiDoc step): one page a
 * command, {@code p21mon.1}, {@code p21mon-health.1}, {@code p21mon-audit-log.1}. Hidden commands and the
 * {@code help} commands get none. {@link ManPagesTest} keeps the committed pages in {@code man/} current.
 */
final class ManPages {
    private ManPages() {
    }

    /** Every page of the tree under {@code root}, by file name, in help order. */
    static Map<String, String> all(CommandLine root) {
        Map<String, String> pages = new LinkedHashMap<>();
        add(root, pages);
        return pages;
    }

    private static void add(CommandLine cmd, Map<String, String> pages) {
        CommandSpec spec = cmd.getCommandSpec();
        pages.put(fileName(spec), page(cmd));
        for (CommandLine sub : visible(cmd)) {
            add(sub, pages);
        }
    }

    private static List<CommandLine> visible(CommandLine cmd) {
        List<CommandLine> out = new ArrayList<>();
        for (Map.Entry<String, CommandLine> e : cmd.getSubcommands().entrySet()) {
            CommandSpec s = e.getValue().getCommandSpec();
            if (!s.usageMessage().hidden() && !s.helpCommand() && e.getKey().equals(s.name())) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    static String fileName(CommandSpec spec) {
        return pageName(spec) + ".1";
    }

    private static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    private static String page(CommandLine cmd) {
        CommandSpec spec = cmd.getCommandSpec();
        CommandLine.Help help = new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        StringBuilder r = new StringBuilder();
        String name = pageName(spec);
        r.append(".\\\" generated from the picocli command model by ManPagesTest; do not edit\n");
        r.append(".TH \"").append(name.toUpperCase(Locale.ROOT)).append("\" \"1\" \"\" \"p21mon\" \"p21mon Manual\"\n");
        r.append(".SH NAME\n").append(escape(name)).append(" \\- ").append(escape(summary(help))).append('\n');
        r.append(".SH SYNOPSIS\n.nf\n").append(preformatted(help.synopsis(0).strip())).append("\n.fi\n");
        String description = description(spec);
        if (!description.isEmpty()) {
            r.append(".SH DESCRIPTION\n");
            for (String para : description.split("\n")) {
                if (!para.isBlank()) {
                    r.append(".PP\n").append(escape(para.strip())).append('\n');
                }
            }
        }
        List<PositionalParamSpec> positionals = spec.positionalParameters();
        if (!positionals.isEmpty()) {
            r.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : positionals) {
                if (p.hidden()) {
                    continue;
                }
                r.append(".TP\n\\fI").append(escape(p.paramLabel())).append("\\fR\n")
                        .append(escape(String.join(" ", p.description()))).append('\n');
            }
        }
        if (!spec.options().isEmpty()) {
            r.append(".SH OPTIONS\n");
            for (OptionSpec o : spec.options()) {
                if (o.hidden()) {
                    continue;
                }
                r.append(".TP\n").append(optionNames(o)).append('\n')
                        .append(escape(String.join(" ", o.description()).replace("${DEFAULT-VALUE}",
                                String.valueOf(o.defaultValue())))).append('\n');
            }
        }
        List<CommandLine> subs = visible(cmd);
        if (!subs.isEmpty()) {
            r.append(".SH COMMANDS\n");
            for (CommandLine sub : subs) {
                CommandSpec s = sub.getCommandSpec();
                r.append(".TP\n\\fB").append(escape(s.name())).append("\\fR\n")
                        .append(escape(summary(new CommandLine.Help(s, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF)))))
                        .append("\nSee \\fB").append(escape(pageName(s))).append("\\fR(1).\n");
            }
        }
        Map<String, String> exitCodes = spec.usageMessage().exitCodeList();
        if (!exitCodes.isEmpty()) {
            r.append(".SH EXIT STATUS\n");
            exitCodes.forEach((code, meaning) -> r.append(".TP\n\\fB").append(escape(code.strip())).append("\\fR\n")
                    .append(escape(meaning.strip())).append('\n'));
        }
        String footer = String.join("\n", spec.usageMessage().footer()).replace("%n", "\n").replace("%%", "%")
                .stripIndent().strip();
        if (!footer.isEmpty()) {
            String heading = help.footerHeading().strip().replace(":", "");
            r.append(".SH ").append(heading.isEmpty() ? "NOTES" : escape(heading.toUpperCase(Locale.ROOT)))
                    .append("\n.nf\n").append(preformatted(footer)).append("\n.fi\n");
        }
        r.append(".SH SEE ALSO\n");
        List<String> see = new ArrayList<>();
        if (spec.parent() != null) {
            see.add("\\fB" + escape(pageName(spec.parent())) + "\\fR(1)");
        }
        subs.forEach(s -> see.add("\\fB" + escape(pageName(s.getCommandSpec())) + "\\fR(1)"));
        r.append(see.isEmpty() ? "" : String.join(", ", see) + "\n");
        String top = spec.parent() == null ? null : spec.qualifiedName(" ").split(" ")[1];
        r.append(".PP\nThe full reference, formats and figures: ")
                .append(top == null ? "README.md" : "docs/" + escape(top) + ".md").append(" in the p21mon sources.\n");
        return r.toString();
    }

    /** The description as written (picocli's help wraps it): one paragraph an element, {@code %n} a line break. */
    private static String description(CommandSpec spec) {
        return String.join("\n", spec.usageMessage().description()).replace("%n", "\n").replace("%%", "%").strip();
    }

    /** The first line of the description: what NAME says. */
    private static String summary(CommandLine.Help help) {
        String d = description(help.commandSpec());
        if (d.isEmpty()) {
            return help.commandSpec().name();
        }
        String first = d.lines().findFirst().orElse("").strip();
        int stop = first.indexOf(". ");
        return stop > 0 ? first.substring(0, stop) : first.replaceAll("\\.$", "");
    }

    private static String optionNames(OptionSpec o) {
        List<String> names = new ArrayList<>();
        for (String n : o.names()) {
            names.add("\\fB" + escape(n) + "\\fR");
        }
        String out = String.join(", ", names);
        if (o.arity().max() > 0) {
            out += "=\\fI" + escape(o.paramLabel()) + "\\fR";
        }
        return out;
    }

    /** Text for roff: backslashes escaped, hyphens as minus signs (so options can be searched and copied). */
    static String escape(String text) {
        String s = text.replace("\\", "\\e").replace("-", "\\-");
        return s.startsWith(".") || s.startsWith("'") ? "\\&" + s : s;
    }

    /** Lines kept as they are (inside .nf/.fi): each escaped, and a line starting with a dot protected. */
    private static String preformatted(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            lines.add(escape(line));
        }
        return String.join("\n", lines);
    }
}
