package io.perfect21.p21mon.stack;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.P21monException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The extra scrape targets of {@code stack.targets} and {@code stack.targets_file}: {@code host[:port]} each, a
 * missing port meaning {@code metrics.port}; the file has one a line, {@code #} comments and blank lines allowed.
 */
public final class StackTargets {
    private static final String TARGET = "(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9_.-]+)(:[0-9]{1,5})?";

    private StackTargets() {
    }

    /** The targets from the config list and the file (null: none), each with a port. */
    public static List<String> resolve(List<String> listed, Path file, int defaultPort) {
        List<String> out = new ArrayList<>();
        for (String t : listed) {
            out.add(withPort(t, defaultPort, "stack.targets: '" + t + "'"));
        }
        if (file != null) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw P21monException.usage("stack.targets_file: cannot read " + file + ": " + IoErrors.describe(file, e));
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).replaceAll("#.*$", "").strip();
                if (!line.isEmpty()) {
                    out.add(withPort(line, defaultPort, file + ":" + (i + 1) + ": '" + line + "'"));
                }
            }
        }
        return out.stream().distinct().toList();
    }

    private static String withPort(String target, int defaultPort, String where) {
        if (!target.matches(TARGET)) {
            throw P21monException.usage(where + " is not a host[:port] target");
        }
        boolean hasPort = target.startsWith("[") ? target.contains("]:") : target.contains(":");
        return hasPort ? target : target + ":" + defaultPort;
    }
}
