package io.perfect21.p21mon.cli;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Tab completion in {@code p21mon shell} from the picocli model, the one the bash, zsh and fish scripts are generated
 * from: command and subcommand names, option names, and values by {@link Completion#values} (fixed words, file names
 * relative to the working directory). The shell's own words ({@code exit}, {@code reload}) complete as a first word.
 * The tree given should be {@link Completion#decorate decorated}.
 */
final class ShellCompleter implements Completer {
    private final CommandSpec root;
    private final Path workDir;

    ShellCompleter(CommandLine root, Path workDir) {
        this.root = root.getCommandSpec();
        this.workDir = workDir;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        String word = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        CommandSpec command = root;
        OptionSpec awaiting = null;
        int positional = 0;
        for (int i = 0; i < line.wordIndex(); i++) {
            String w = words.get(i);
            if (awaiting != null) {
                awaiting = null;
            } else if (w.startsWith("-") && w.length() > 1) {
                OptionSpec option = command.findOption(w.contains("=") ? w.substring(0, w.indexOf('=')) : w);
                // an optional value (--watch [SECONDS]) is not awaited: the next word may be anything
                if (option != null && !w.contains("=") && option.arity().min() > 0) {
                    awaiting = option;
                }
            } else if (positional == 0 && command.subcommands().containsKey(w)) {
                command = command.subcommands().get(w).getCommandSpec();
            } else {
                positional++;
            }
        }
        if (awaiting != null) {
            addValues(awaiting, "", word, candidates);
            return;
        }
        if (word.startsWith("-")) {
            int eq = word.indexOf('=');
            OptionSpec option = eq > 0 ? command.findOption(word.substring(0, eq)) : null;
            if (option != null) {
                addValues(option, word.substring(0, eq + 1), word.substring(eq + 1), candidates);
                return;
            }
            for (OptionSpec o : command.options()) {
                if (!o.hidden()) {
                    for (String name : o.names()) {
                        candidates.add(new Candidate(name, name, null, firstLine(o), null, null, true));
                    }
                }
            }
            return;
        }
        if (positional == 0) {
            for (Map.Entry<String, CommandLine> sub : command.subcommands().entrySet()) {
                CommandSpec s = sub.getValue().getCommandSpec();
                if (!s.usageMessage().hidden()) {
                    String[] d = s.usageMessage().description();
                    candidates.add(new Candidate(sub.getKey(), sub.getKey(), null, d.length > 0 ? sentence(d[0]) : null,
                            null, null, true));
                }
            }
        }
        for (PositionalParamSpec p : command.positionalParameters()) {
            if (!p.hidden() && p.index().min() <= positional && positional <= p.index().max()) {
                addValues(p, "", word, candidates);
            }
        }
        if (line.wordIndex() == 0) {
            for (String own : Shell.OWN_WORDS) {
                candidates.add(new Candidate(own));
            }
        }
    }

    /** The value candidates of an option or positional, each after {@code prefix} ({@code --output=}). */
    private void addValues(ArgSpec arg, String prefix, String typed, List<Candidate> candidates) {
        Completion.Values values = Completion.values(arg);
        for (String w : values.words()) {
            candidates.add(new Candidate(prefix + w, w, null, null, null, null, true));
        }
        if (values.files()) {
            addFiles(prefix, typed, candidates);
        }
    }

    /** The entries of the directory the typed word names so far; a directory ends in / and completes further. */
    private void addFiles(String prefix, String typed, List<Candidate> candidates) {
        int slash = typed.lastIndexOf('/');
        String dirPart = slash >= 0 ? typed.substring(0, slash + 1) : "";
        String namePart = typed.substring(slash + 1);
        Path dir = dirPart.isEmpty() ? workDir : workDir.resolve(dirPart);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(namePart) || (name.startsWith(".") && !namePart.startsWith("."))) {
                    continue;
                }
                boolean isDir = Files.isDirectory(entry);
                String value = prefix + dirPart + name + (isDir ? "/" : "");
                candidates.add(new Candidate(value, name + (isDir ? "/" : ""), null, null, null, null, !isDir));
            }
        } catch (IOException | RuntimeException e) {
            // no such directory (yet): nothing to offer
        }
    }

    private static String firstLine(OptionSpec o) {
        return o.description().length > 0 ? sentence(o.description()[0]) : null;
    }

    /** The first sentence of a description, without picocli's ${...} variables. */
    static String sentence(String description) {
        String d = description.replaceAll("\\$\\{[^}]*}", "").strip();
        int end = d.indexOf(". ");
        return end > 0 ? d.substring(0, end) : d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }
}
