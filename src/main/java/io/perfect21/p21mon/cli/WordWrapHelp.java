package io.perfect21.p21mon.cli;

import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Usage help that breaks lines at spaces only. Picocli wraps with the JDK's line {@link java.text.BreakIterator},
 * which breaks after every {@code .}, {@code :} and before a {@code /} that follows one, so a path or URL near the end
 * of a line came out as {@code ./p21mon.} / {@code yaml} or {@code ~/.} / {@code local/state}. Here the characters
 * the JDK breaks at are swapped, inside a word, for private-use characters of the same width before picocli wraps,
 * and swapped back in the text it returns: the wrapping is picocli's, at the same widths, with no break inside a word.
 * A word longer than its column is still cut (there is no other way to fit it).
 */
final class WordWrapHelp extends Help {
    /** The characters the JDK's line breaker breaks after (or before) inside a word; '-' picocli guards itself. */
    private static final String BREAKING = ".:/,;?!()[]=+&*~'\"<>\\";
    private static final char FIRST = '\uE000';

    WordWrapHelp(CommandSpec spec, ColorScheme colorScheme) {
        super(spec, colorScheme);
    }

    /** Every character of {@link #BREAKING} that is followed by a non-space, as its private-use stand-in. */
    static String protect(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int k = BREAKING.indexOf(c);
            boolean inWord = i + 1 < s.length() && !Character.isWhitespace(s.charAt(i + 1));
            sb.append(k >= 0 && inWord ? (char) (FIRST + k) : c);
        }
        return sb.toString();
    }

    /** The text with the stand-ins of {@link #protect} turned back. */
    static String restore(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int k = c - FIRST;
            sb.append(k >= 0 && k < BREAKING.length() ? BREAKING.charAt(k) : c);
        }
        return sb.toString();
    }

    /** {@link #protect(String)} of a styled text: the styles stay, but on a stand-in character itself. */
    static Ansi.Text protect(Ansi.Text text, ColorScheme scheme) {
        String plain = text.plainString();
        String safe = protect(plain);
        if (safe.equals(plain)) {
            return text;
        }
        Ansi.Text out = text.substring(0, 0);
        int from = 0;
        for (int i = 0; i < plain.length(); i++) {
            if (safe.charAt(i) != plain.charAt(i)) {
                out = out.concat(text.substring(from, i)).concat(Ansi.OFF.new Text(safe.substring(i, i + 1), scheme));
                from = i + 1;
            }
        }
        return out.concat(text.substring(from));
    }

    @Override
    protected String insertSynopsisCommandName(int synopsisHeadingLength, Ansi.Text details) {
        return restore(super.insertSynopsisCommandName(synopsisHeadingLength, protect(details, colorScheme())));
    }

    private static String[] protect(String[] lines) {
        String[] out = new String[lines.length];
        for (int i = 0; i < lines.length; i++) {
            out[i] = protect(lines[i]);
        }
        return out;
    }

    private String joined(String[] lines, Object... params) {
        UsageMessageSpec u = commandSpec().usageMessage();
        return restore(join(ansi(), u.width(), u.adjustLineBreaksForWideCJKCharacters(), protect(lines),
                new StringBuilder(), params).toString());
    }

    @Override
    public String description(Object... params) {
        return joined(commandSpec().usageMessage().description(), params);
    }

    @Override
    public String header(Object... params) {
        return joined(commandSpec().usageMessage().header(), params);
    }

    @Override
    public String footer(Object... params) {
        return joined(commandSpec().usageMessage().footer(), params);
    }

    @Override
    public String exitCodeList() {
        Map<String, String> codes = new LinkedHashMap<>();
        commandSpec().usageMessage().exitCodeList().forEach((code, text) -> codes.put(code, protect(text)));
        return restore(createTextTable(codes).toString());
    }

    @Override
    public String commandList(Map<String, Help> subcommands) {
        Map<String, Help> protectedHelp = new LinkedHashMap<>();
        subcommands.forEach((name, help) -> protectedHelp.put(name, new FirstLine(help)));
        return restore(super.commandList(protectedHelp));
    }

    /** A subcommand's help as the command list reads it: its first line of header or description, protected. */
    private static final class FirstLine extends Help {
        FirstLine(Help help) {
            super(protectedCopy(help.commandSpec()), help.colorScheme());
        }

        private static CommandSpec protectedCopy(CommandSpec spec) {
            CommandSpec copy = CommandSpec.create().name(spec.name()).aliases(spec.aliases());
            copy.usageMessage().header(protect(spec.usageMessage().header()))
                    .description(protect(spec.usageMessage().description()));
            return copy;
        }
    }

    @Override
    public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals,
                                      ColorScheme scheme) {
        Layout layout = super.createDefaultLayout(options, positionals, scheme);
        return new Layout(scheme, layout.textTable(), layout.optionRenderer(), layout.parameterRenderer()) {
            @Override
            public void layout(ArgSpec arg, Ansi.Text[][] cells) {
                for (Ansi.Text[] row : cells) {
                    int last = row.length - 1; // the description column
                    if (last >= 0 && row[last] != null) {
                        row[last] = protect(row[last], scheme);
                    }
                }
                super.layout(arg, cells);
            }

            @Override
            public String toString() {
                return restore(super.toString());
            }
        };
    }
}
