package io.perfect21.p21mon.health;

import java.util.ArrayList;
import java.util.List;

/**
 * The output of a Nagios-compatible plugin, split as the monitoring-plugins guidelines define it: the first line's
 * text (the service output), its performance data after {@code |}, the long output (the following lines), and more
 * performance data after a {@code |} in the long output, which runs to the end.
 */
public record PluginOutput(String text, String longOutput, List<Perfdata> perfdata) {

    /**
     * Parses plugin output.
     *
     * @throws IllegalArgumentException when there is no output line, or its performance data is malformed
     */
    public static PluginOutput parse(String output) {
        String s = output == null ? "" : output.replace("\r\n", "\n");
        String[] lines = s.split("\n", -1);
        if (s.isBlank()) {
            throw new IllegalArgumentException("the plugin printed nothing");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\n' && c != '\t' && (c < 0x20 || c == 0x7f || c == '\ufffd')) {
                throw new IllegalArgumentException("the plugin printed binary or control characters");
            }
        }
        String first = lines[0];
        StringBuilder perf = new StringBuilder();
        int bar = first.indexOf('|');
        String text = bar < 0 ? first : first.substring(0, bar);
        if (bar >= 0) {
            perf.append(first.substring(bar + 1)).append(' ');
        }
        List<String> longLines = new ArrayList<>();
        boolean inPerf = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (inPerf) {
                perf.append(line).append(' ');
                continue;
            }
            int b = line.indexOf('|');
            if (b >= 0) {
                longLines.add(line.substring(0, b));
                perf.append(line.substring(b + 1)).append(' ');
                inPerf = true;
            } else {
                longLines.add(line);
            }
        }
        while (!longLines.isEmpty() && longLines.get(longLines.size() - 1).isBlank()) {
            longLines.remove(longLines.size() - 1);
        }
        List<Perfdata> parsed = Perfdata.parseAll(perf.toString());
        return new PluginOutput(text.strip(), String.join("\n", longLines), parsed);
    }
}
