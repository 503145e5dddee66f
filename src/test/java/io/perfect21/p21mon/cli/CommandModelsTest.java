package io.perfect21.p21mon.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CommandModels} is the annotations' model, built in code: the committed file is what the generator writes from
 * the annotations now, and for every command the model it builds equals picocli's own from the annotations, attribute
 * by attribute, bound to the same fields, with the same help text.
 */
class CommandModelsTest {
    private static final Path SOURCE = Path.of("src/main/java/io/perfect21/p21mon/cli/CommandModels.java");
    private static final Path STUB = Path.of("src/test/resources/CommandModels.java.stub");

    @Test
    void theCommittedModelsAreWhatTheAnnotationsGiveNow() throws Exception {
        committed(SOURCE, CommandModelsSource.generate());
    }

    /** Writes {@code generated} to {@code file} with {@code -Dmodels.update=true}; fails if the file differs from it. */
    private static void committed(Path file, String generated) throws Exception {
        if (Boolean.getBoolean("models.update")) {
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as(file.getFileName() + " is stale: regenerate with " + CommandModels.UPDATE).isEqualTo(generated);
    }

    /** The file to start again from when the generated one no longer compiles: the generator's output for no command. */
    @Test
    void theStubIsWhatTheGeneratorWritesForNoCommand() throws Exception {
        String stub = CommandModelsSource.stub();
        committed(STUB, stub);
        assertThat(stub).contains("static CommandSpec of(Class<?> type) {\n        return null;\n    }");
    }

    @Test
    void everyCommandsModelInCodeEqualsTheOnePicocliReadsFromItsAnnotations() throws Exception {
        for (Class<?> type : CommandModelsSource.commandClasses()) {
            CommandSpec annotated = CommandSpec.forAnnotatedObject(CommandModelsSource.newInstance(type));
            CommandSpec code = CommandModels.of(type);
            assertThat(code).as(type.getSimpleName() + " has a model in code").isNotNull();
            List<String> want = dump(annotated);
            List<String> got = dump(code);
            assertThat(got).as(type.getSimpleName() + ": in code, not from the annotations: "
                    + got.stream().filter(l -> !want.contains(l)).toList()).isEqualTo(want);
            assertThat(new CommandLine(code).getUsageMessage(CommandLine.Help.Ansi.OFF)).as(type.getSimpleName() + " help")
                    .isEqualTo(new CommandLine(annotated).getUsageMessage(CommandLine.Help.Ansi.OFF));
        }
    }

    @Test
    void anOptionParsedThroughTheModelInCodeLandsInTheCommandsField() {
        CommandSpec spec = CommandModels.of(AuditQueryCommand.class);
        new CommandLine(spec).parseArgs("--user", "alice", "--user", "bob", "--limit", "3", "-o", "jsonl", "--dir", "/x");
        AuditQueryCommand query = (AuditQueryCommand) spec.userObject();
        assertThat(query.limit).isEqualTo(3);
        assertThat(query.filter.users).containsExactly("alice", "bob");
        assertThat(query.output.format).isEqualTo("jsonl");
        assertThat(query.audit.dir).isEqualTo(Path.of("/x"));
        assertThat(query.audit.mixee).isSameAs(spec);
        assertThat(query.config.mixee).isSameAs(spec);
    }

    /**
     * Each binding reads and writes picocli's own field for that option and no other: on every object of the model,
     * with all bound fields at their zero (set by reflection), setting one binding to a sample value changes exactly
     * that field, and every binding reads back what its field holds. Two options of a type swapped fail here.
     */
    @Test
    void everyBindingReadsAndWritesTheFieldPicocliBindsAndNoOther() throws Exception {
        int checked = 0;
        for (Class<?> type : CommandModelsSource.commandClasses()) {
            CommandSpec code = CommandModels.of(type);
            CommandSpec annotated = CommandSpec.forAnnotatedObject(CommandModelsSource.newInstance(type));
            List<ArgSpec> codeArgs = args(code);
            List<ArgSpec> annotatedArgs = args(annotated);
            assertThat(codeArgs).as(type.getSimpleName() + " arguments").hasSameSizeAs(annotatedArgs);
            Map<Object, Map<FieldBinding, Field>> byTarget = new IdentityHashMap<>();
            for (int i = 0; i < codeArgs.size(); i++) {
                ArgSpec a = codeArgs.get(i);
                if (!(annotatedArgs.get(i).userObject() instanceof Field f) || f.getDeclaringClass().getName().startsWith("picocli.")) {
                    assertThat(a.getter()).as(type.getSimpleName() + " " + a + ": unbound in picocli").isNotInstanceOf(FieldBinding.class);
                    continue;
                }
                assertThat(a.getter()).as(type.getSimpleName() + " " + a).isInstanceOf(FieldBinding.class).isSameAs(a.setter());
                FieldBinding b = (FieldBinding) a.getter();
                f.setAccessible(true);
                byTarget.computeIfAbsent(b.target(), t -> new LinkedHashMap<>()).put(b, f);
            }
            for (var entry : byTarget.entrySet()) {
                Object target = entry.getKey();
                Map<FieldBinding, Field> bindings = entry.getValue();
                for (var one : bindings.entrySet()) {
                    for (Field f : bindings.values()) {
                        f.set(target, zero(f.getType()));
                    }
                    Object sample = sample(one.getValue().getType());
                    Object old = one.getKey().set(sample);
                    String what = type.getSimpleName() + ": the binding of " + one.getValue();
                    assertThat(old).as(what + " returns the old value").isEqualTo(zero(one.getValue().getType()));
                    for (var other : bindings.entrySet()) {
                        Object want = other.getKey() == one.getKey() ? sample : zero(other.getValue().getType());
                        assertThat(other.getValue().get(target)).as(what + ", then " + other.getValue()).isEqualTo(want);
                        assertThat(other.getKey().<Object>get()).as(what + ", then the binding of " + other.getValue())
                                .isEqualTo(want);
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).as("bindings checked").isGreaterThan(100);
    }

    private static List<ArgSpec> args(CommandSpec spec) {
        List<ArgSpec> args = new ArrayList<>(spec.options());
        args.addAll(spec.positionalParameters());
        return args;
    }

    /** What a field of this type holds before picocli sets it: null, false or 0. */
    private static Object zero(Class<?> type) {
        return type.isPrimitive() ? java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(type, 1), 0) : null;
    }

    /** A value of this type other than {@link #zero}. */
    private static Object sample(Class<?> type) {
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == int.class || type == Integer.class) {
            return 7;
        }
        if (type == long.class || type == Long.class) {
            return 7L;
        }
        if (type == double.class || type == Double.class) {
            return 7.5;
        }
        if (type == String.class) {
            return "sample";
        }
        if (type == Path.class) {
            return Path.of("sample");
        }
        if (type == java.time.Duration.class) {
            return java.time.Duration.ofSeconds(7);
        }
        if (type == java.time.ZoneId.class) {
            return java.time.ZoneOffset.UTC;
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type == List.class) {
            return new ArrayList<>(List.of());
        }
        if (type == Map.class) {
            return new LinkedHashMap<>();
        }
        throw new AssertionError("no sample value for a field of type " + type + ": add one to CommandModelsTest.sample");
    }

    /** Every attribute of the model that picocli reads from an annotation, one line each. */
    private static List<String> dump(CommandSpec spec) {
        List<String> lines = new ArrayList<>();
        lines.add("name " + spec.name() + " aliases " + List.of(spec.aliases()) + " help " + spec.helpCommand()
                + " version " + (spec.versionProvider() == null ? null : spec.versionProvider().getClass())
                + " mixins " + spec.mixins().keySet() + " standardHelp " + spec.mixinStandardHelpOptions()
                + " exit codes " + List.of(spec.exitCodeOnSuccess(), spec.exitCodeOnUsageHelp(), spec.exitCodeOnVersionHelp(),
                        spec.exitCodeOnInvalidInput(), spec.exitCodeOnExecutionException())
                + " repeatable " + spec.subcommandsRepeatable() + " parser " + parser(spec.parser()));
        var u = spec.usageMessage();
        lines.add("usage " + List.of(u.description()) + List.of(u.header()) + List.of(u.footer())
                + List.of(u.customSynopsis()) + u.headerHeading() + u.synopsisHeading() + u.descriptionHeading()
                + u.parameterListHeading() + u.optionListHeading() + u.commandListHeading() + u.footerHeading()
                + u.exitCodeListHeading() + u.exitCodeList() + u.hidden() + u.sortOptions() + u.abbreviateSynopsis()
                + u.showDefaultValues());
        for (OptionSpec o : spec.options()) {
            lines.add("option " + List.of(o.names()) + arg(o) + " negatable " + o.negatable() + " usage "
                    + o.usageHelp() + " version " + o.versionHelp() + " fallback "
                    + o.fallbackValue() + " order " + o.order());
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            lines.add("positional " + p.index() + " " + p.index().isUnspecified() + arg(p));
        }
        spec.mixins().forEach((name, m) -> lines.add("mixin " + name + " " + owner(m)
                + " " + m.options().stream().map(OptionSpec::longestName).toList()));
        return lines;
    }

    /** The parser settings an annotation can change. */
    private static String parser(CommandLine.Model.ParserSpec p) {
        return List.of(p.stopAtPositional(), p.stopAtUnmatched(), p.unmatchedArgumentsAllowed(), p.posixClusteredShortOptionsAllowed(),
                p.separator(), p.aritySatisfiedByAttachedOptionParam(), p.abbreviatedOptionsAllowed()).toString();
    }

    /** A mixin's class; picocli's own -h/-V mixin is built without one in code. */
    private static String owner(CommandSpec mixin) {
        Object o = mixin.userObject();
        return o == null || o.getClass().getName().startsWith("picocli.") ? "picocli" : o.getClass().getName();
    }

    private static String arg(ArgSpec a) {
        String field = a.getter() instanceof FieldBinding b ? b.field()
                : a.userObject() instanceof Field f && !f.getDeclaringClass().getName().startsWith("picocli.")
                ? f.getDeclaringClass().getSimpleName() + "." + f.getName() : "-"; // picocli's own -h/-V: unbound
        return " type " + a.type() + List.of(a.auxiliaryTypes()) + " arity " + a.arity() + " " + a.arity().isUnspecified()
                + " label " + a.paramLabel() + " hide " + a.hideParamSyntax() + " required " + a.required() + " hidden "
                + a.hidden() + " interactive " + a.interactive() + " default " + a.defaultValue() + " split "
                + a.splitRegex() + " key " + java.util.Objects.requireNonNullElse(a.descriptionKey(), "") + " show " + a.showDefaultValue() + " description "
                + List.of(a.description()) + " converters "
                + java.util.Arrays.stream(a.converters()).map(c -> c.getClass().getName()).toList()
                + " candidates " + candidates(a) + " initial " + a.initialValue()
                + " field " + field;
    }

    private static List<String> candidates(ArgSpec a) {
        List<String> l = new ArrayList<>();
        if (a.completionCandidates() != null) {
            a.completionCandidates().forEach(l::add);
        }
        return l;
    }
}
