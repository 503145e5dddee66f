package io.perfect21.p21mon.stack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An optional part of the stack, as {@code --with}/{@code --without} and {@code stack.with} name it. {@code logs}
 * (Loki) and {@code traces} (Jaeger) are on by default, as in the seed's architecture; {@code blackbox}
 * (blackbox_exporter probing the {@code http} checks of {@code health.checks}) and {@code cadvisor} (container
 * metrics, docker runtime only) are added on request. {@link #toString()} is the name a user types.
 */
public enum StackProfile {
    LOGS("logs", "Loki"),
    TRACES("traces", "Jaeger, OTLP on stack.ports.otlp_grpc/otlp_http"),
    BLACKBOX("blackbox", "blackbox_exporter probing the http checks of health.checks"),
    CADVISOR("cadvisor", "cAdvisor container metrics, docker runtime only");

    /** The profiles of a stack nobody trimmed: the seed's Loki and Jaeger. */
    public static final Set<StackProfile> DEFAULTS = EnumSet.of(LOGS, TRACES);

    private final String key;
    private final String what;

    StackProfile(String key, String what) {
        this.key = key;
        this.what = what;
    }

    /** The name in {@code --with}, {@code stack.with} and the manifest. */
    public String key() {
        return key;
    }

    /** What the profile adds, for help and messages. */
    public String what() {
        return what;
    }

    @Override
    public String toString() {
        return key;
    }

    /** Every profile name, comma-separated, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(StackProfile::key).collect(Collectors.joining(", "));
    }

    /**
     * The profile of a name as typed.
     *
     * @throws IllegalArgumentException naming the value and the profiles there are
     */
    public static StackProfile parse(String name) {
        for (StackProfile p : values()) {
            if (p.key.equalsIgnoreCase(name.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a profile; profiles: " + names());
    }

    /** Profiles by name (the manifest's, the configuration's), each checked. */
    public static Set<StackProfile> parseAll(Collection<String> names) {
        Set<StackProfile> out = EnumSet.noneOf(StackProfile.class);
        names.forEach(n -> out.add(parse(n)));
        return out;
    }

    /** The profiles of {@code base} plus {@code with} minus {@code without}; {@code without} wins. */
    public static Set<StackProfile> choose(Collection<StackProfile> base, Collection<StackProfile> with,
                                           Collection<StackProfile> without) {
        Set<StackProfile> out = base.isEmpty() ? EnumSet.noneOf(StackProfile.class) : EnumSet.copyOf(base);
        out.addAll(with);
        out.removeAll(without);
        return out;
    }

    /** The names of these profiles, in declaration order. */
    public static List<String> keys(Collection<StackProfile> profiles) {
        List<String> out = new ArrayList<>();
        for (StackProfile p : values()) {
            if (profiles.contains(p)) {
                out.add(p.key);
            }
        }
        return out;
    }
}
