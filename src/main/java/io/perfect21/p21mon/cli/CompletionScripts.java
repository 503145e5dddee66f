package io.perfect21.p21mon.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The bash, zsh and fish completion scripts of {@code completions/}, generated from the {@link Completion#decorate
 * decorated} command tree, so each offers the values {@link Completion#values} gives (the same the shell offers):
 * bash by picocli's {@link AutoComplete}, zsh as that script under {@code bashcompinit}, fish written here as
 * {@code complete} lines, one per command, subcommand and option.
 */
final class CompletionScripts {
    private CompletionScripts() {
    }

    /** The bash script: picocli's, over the decorated tree. */
    static String bash(CommandLine decorated) {
        return AutoComplete.bash("p21mon", decorated);
    }

    /**
     * The zsh script: picocli's bash script runs in zsh through {@code bashcompinit}. Installed as {@code _p21mon} in
     * a directory of {@code $fpath}, zsh autoloads it on the first completion; that first call defines the functions
     * and registers them, then answers the request itself.
     */
    static String zsh(String bash) {
        return "#compdef p21mon\n"
                + "# zsh completion for p21mon, generated with picocli's AutoComplete (do not edit; see CompletionsTest).\n"
                + "# Install as _p21mon in a directory of $fpath, or source it from ~/.zshrc after compinit.\n"
                + "autoload -U +X bashcompinit && bashcompinit\n"
                + "# bash's compopt has no zsh equivalent; the script's own alias for it is not seen when zsh autoloads this\n"
                + "# file as one function body, so give it a harmless definition\n"
                + "(( ${+functions[compopt]} )) || compopt() { return 0; }\n\n"
                + bash
                + "\n# Autoloaded as _p21mon: answer this first request too ('complete' above serves the later ones).\n"
                + "if [[ -n \"${ZSH_VERSION:-}\" && \"${funcstack[1]:-}\" == _p21mon ]]; then\n"
                + "  _bash_complete -F _complete_p21mon -o default\n"
                + "fi\n";
    }

    /** The fish script, for {@code $PREFIX/share/fish/vendor_completions.d/p21mon.fish}. */
    static String fish(CommandLine decorated) {
        List<String> paths = new ArrayList<>();
        TreeSet<String> valueOptions = new TreeSet<>();
        StringBuilder lines = new StringBuilder();
        fish(decorated, "", paths, valueOptions, lines);
        return "# fish completion for p21mon, generated from its command model (do not edit; see CompletionsTest).\n"
                + "# Installed as $PREFIX/share/fish/vendor_completions.d/p21mon.fish.\n\n"
                + "# every command path, and the options that take a value (their value is not a command name)\n"
                + "set -g __p21mon_commands " + String.join(" ", paths.stream().map(CompletionScripts::quote).toList()) + "\n"
                + "set -g __p21mon_value_options " + String.join(" ", valueOptions) + "\n\n"
                + "# the command path typed so far: 'alerts silence' for 'p21mon -q alerts silence add --comment x'\n"
                + "function __p21mon_command\n"
                + "    set -l words (commandline -opc)\n"
                + "    set -e words[1]\n"
                + "    set -l path ''\n"
                + "    set -l skip 0\n"
                + "    for word in $words\n"
                + "        if test $skip = 1\n"
                + "            set skip 0\n"
                + "        else if contains -- $word $__p21mon_value_options\n"
                + "            set skip 1\n"
                + "        else\n"
                + "            set -l next (string trim -- \"$path $word\")\n"
                + "            if contains -- $next $__p21mon_commands\n"
                + "                set path $next\n"
                + "            end\n"
                + "        end\n"
                + "    end\n"
                + "    echo $path\n"
                + "end\n\n"
                + "function __p21mon_in\n"
                + "    set -l path (__p21mon_command)\n"
                + "    test \"$path\" = \"$argv[1]\"\n"
                + "end\n\n"
                + "complete -c p21mon -f\n"
                + lines;
    }

    private static void fish(CommandLine command, String path, List<String> paths, TreeSet<String> valueOptions,
                             StringBuilder lines) {
        CommandSpec spec = command.getCommandSpec();
        String in = "complete -c p21mon -n " + quote("__p21mon_in " + quote(path).replace("'", "\""));
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            CommandSpec s = sub.getValue().getCommandSpec();
            if (!s.usageMessage().hidden()) {
                String[] d = s.usageMessage().description();
                lines.append(in).append(" -a ").append(quote(sub.getKey()))
                        .append(description(d.length > 0 ? d[0] : "")).append('\n');
            }
        }
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            StringBuilder line = new StringBuilder(in);
            for (String name : o.names()) {
                if (name.startsWith("--")) {
                    line.append(" -l ").append(name.substring(2));
                } else if (name.length() == 2) {
                    line.append(" -s ").append(name.substring(1));
                } else {
                    line.append(" -o ").append(name.substring(1));
                }
            }
            if (o.arity().max() > 0) {
                valueOptions.addAll(List.of(o.names()));
                Completion.Values values = Completion.values(o);
                line.append(values.files() ? " -r -F" : " -x");
                if (!values.words().isEmpty()) {
                    line.append(" -a ").append(quote(String.join(" ", values.words())));
                }
            }
            String[] d = o.description();
            lines.append(line).append(description(d.length > 0 ? d[0] : "")).append('\n');
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            Completion.Values values = Completion.values(p);
            if (p.hidden() || values.none()) {
                continue;
            }
            lines.append(in).append(values.files() ? " -F" : "")
                    .append(values.words().isEmpty() ? "" : " -a " + quote(String.join(" ", values.words())))
                    .append('\n');
        }
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            if (!sub.getValue().getCommandSpec().usageMessage().hidden()) {
                String next = path.isEmpty() ? sub.getKey() : path + " " + sub.getKey();
                paths.add(next);
                fish(sub.getValue(), next, paths, valueOptions, lines);
            }
        }
    }

    private static String description(String text) {
        String d = ShellCompleter.sentence(text);
        return d.isEmpty() ? "" : " -d " + quote(d);
    }

    /** A fish single-quoted string. */
    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
