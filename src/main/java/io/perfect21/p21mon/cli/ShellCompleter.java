package io.perfect21.p21mon.cli;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.AutoComplete;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Tab completion in {@code p21mon shell} from the picocli model, the same one the bash and zsh scripts are generated
 * from: command and subcommand names, option names, and option values with a fixed set (enums, completion
 * candidates). The shell's own words ({@code exit}, {@code reload}) complete as a first word.
 */
final class ShellCompleter implements Completer {
    private final CommandSpec root;

    ShellCompleter(CommandSpec root) {
        this.root = root;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String[] words = line.words().toArray(String[]::new);
        List<CharSequence> found = new ArrayList<>();
        // positionInArg 0: picocli offers whole words; JLine keeps those that start with what was typed
        AutoComplete.complete(root, words, line.wordIndex(), 0, line.cursor(), found);
        for (CharSequence c : found) {
            String word = c.toString();
            if (!word.equals("generate-completion")) {
                candidates.add(new Candidate(word));
            }
        }
        if (line.wordIndex() == 0) {
            for (String own : Shell.OWN_WORDS) {
                candidates.add(new Candidate(own));
            }
        }
    }
}
