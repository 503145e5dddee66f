package io.perfect21.p21mon.config;

import java.util.Map;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:-default}} from an environment map; {@code $$} stands for a literal
 * {@code $}. An unset variable with no default is an error naming it.
 */
public final class EnvExpander {
    private final Map<String, String> env;

    public EnvExpander(Map<String, String> env) {
        this.env = env;
    }

    /** True when the text holds a reference (or an escaped {@code $$}) and so needs {@link #expand}. */
    public static boolean hasReference(String text) {
        return text.indexOf('$') >= 0;
    }

    /**
     * Expands every reference in the text.
     *
     * @throws IllegalArgumentException naming an unset variable, or an unclosed {@code ${}
     */
    public String expand(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed '${' in \"" + text + "\" (write $$ for a literal $)");
                }
                out.append(resolve(text.substring(i + 2, close)));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String resolve(String ref) {
        int sep = ref.indexOf(":-");
        String name = sep < 0 ? ref : ref.substring(0, sep);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("'${" + ref + "}' is not a variable reference: names are letters, digits and _");
        }
        String value = env.get(name);
        if (value != null && !(sep >= 0 && value.isEmpty())) {
            return value;
        }
        if (sep >= 0) {
            return ref.substring(sep + 2);
        }
        throw new IllegalArgumentException("environment variable " + name + " is not set (set it, or write ${" + name
                + ":-default} to give a default)");
    }
}
