package io.perfect21.p21mon.dashboards;

import io.perfect21.p21mon.IoErrors;
import com.fasterxml.jackson.core.JsonProcessingException;
import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.ParseException;
import freemarker.template.AdapterTemplateModel;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateBooleanModel;
import freemarker.template.TemplateDateModel;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateHashModelEx;
import freemarker.template.TemplateHashModelEx2;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateModelIterator;
import freemarker.template.TemplateNumberModel;
import freemarker.template.TemplateScalarModel;
import freemarker.template.TemplateSequenceModel;
import freemarker.ext.util.WrapperTemplateModel;
import freemarker.core.TemplateClassResolver;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.P21monException;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The one FreeMarker set-up of p21mon: templates of one area ({@code dashboards}, {@code stack}) from the classpath
 * ({@code io/perfect21/p21mon/templates/AREA/}, copied there from the repository's top-level {@code templates/} by the
 * build), overlaid by a user's directory, whose files of the same name win and whose new files add to them. The
 * {@code Configuration} is built once per engine. Templates see a {@code json(value)} function that writes any value
 * (string, number, hash, sequence) as JSON, so they never escape by hand. An error in a template is a
 * {@link P21monException} naming the template, its line and column.
 *
 * <pre>{@code
 * TemplateEngine engine = new TemplateEngine("dashboards", Path.of("my-templates"));
 * String json = engine.render("overview.json.ftl", Map.of("datasource_uid", "prometheus"));
 * }</pre>
 */
public final class TemplateEngine {
    static {
        // FreeMarker would look for a logging library (and start SLF4J) when it first loads: about 0.7 s of a cold
        // 'dashboards generate'. It has nothing to log here: template errors are rethrown, not logged.
        if (System.getProperty("org.freemarker.loggerLibrary") == null) {
            System.setProperty("org.freemarker.loggerLibrary", "none");
        }
    }

    /** Where the built-in templates are on the classpath. */
    public static final String CLASSPATH_ROOT = "/io/perfect21/p21mon/templates/";

    private final String area;
    private final Path userDir;
    private final Configuration configuration;

    /**
     * An engine for one area of templates.
     *
     * @param area    the built-in subdirectory of {@code templates/} ({@code dashboards}, {@code stack})
     * @param userDir the user's templates overlaying the built-in ones, or null; when it holds a subdirectory named
     *                {@code area} (a copy of the whole {@code templates/} tree), that subdirectory is used
     */
    public TemplateEngine(String area, Path userDir) {
        this.area = area;
        this.userDir = userDir == null ? null : Files.isDirectory(userDir.resolve(area)) ? userDir.resolve(area) : userDir;
        Configuration c = new Configuration(Configuration.VERSION_2_3_34);
        List<TemplateLoader> loaders = new ArrayList<>();
        if (this.userDir != null) {
            if (!Files.isDirectory(this.userDir)) {
                throw P21monException.usage("templates directory " + this.userDir + " does not exist (set by "
                        + area + ".templates_dir or the command line); create it or remove the setting");
            }
            try {
                loaders.add(new FileTemplateLoader(this.userDir.toFile()));
            } catch (IOException e) {
                throw P21monException.usage("cannot read templates directory " + this.userDir + ": " + IoErrors.describe(this.userDir, e));
            }
        }
        loaders.add(new ClassTemplateLoader(TemplateEngine.class, CLASSPATH_ROOT + area));
        c.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new)));
        c.setDefaultEncoding("UTF-8");
        c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        c.setLogTemplateExceptions(false);
        c.setWrapUncheckedExceptions(true);
        c.setFallbackOnNullLoopVariable(false);
        // numbers as JSON and YAML want them: no grouping, no locale
        c.setNumberFormat("computer");
        c.setBooleanFormat("c");
        // templates are data, not code: they may not create Java objects
        c.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        c.setAPIBuiltinEnabled(false);
        c.setSharedVariable("json", (TemplateMethodModelEx) args -> {
            if (args.size() != 1) {
                throw new TemplateModelException("json(value) takes one argument, got " + args.size());
            }
            try {
                return Json.mapper().writeValueAsString(unwrap((TemplateModel) args.get(0)));
            } catch (JsonProcessingException e) {
                throw new TemplateModelException("json(value): " + e.getOriginalMessage(), e);
            }
        });
        c.setSharedVariable("json_null", JSON_NULL);
        this.configuration = c;
    }

    /** {@code json_null} in a template: FreeMarker has no null, and JSON sometimes needs one. */
    private static final TemplateModel JSON_NULL = (TemplateScalarModel) () -> "null";

    /** The user's directory this engine reads first, or null. */
    public Path userDir() {
        return userDir;
    }

    /** Whether a template of this name exists (the user's or a built-in one). */
    public boolean exists(String name) {
        try {
            return configuration.getTemplateLoader().findTemplateSource(name) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The names of the user's own templates ending in {@code suffix}, sorted; empty without a user directory. */
    public List<String> userTemplates(String suffix) {
        if (userDir == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(userDir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw P21monException.usage("cannot list templates directory " + userDir + ": " + IoErrors.describe(userDir, e));
        }
    }

    /** Where a template comes from, as a message shows it: the user's file or the built-in one. */
    public String describe(String name) {
        if (userDir != null && Files.isRegularFile(userDir.resolve(name))) {
            return userDir.resolve(name).toString();
        }
        return "built-in templates/" + area + "/" + name;
    }

    /**
     * Renders a template with the data model.
     *
     * @throws P21monException (failed) naming the template, line and column of a syntax or evaluation error
     */
    public String render(String name, Map<String, ?> model) {
        Template template;
        try {
            template = configuration.getTemplate(name);
        } catch (ParseException e) {
            throw error(e.getTemplateName() != null ? e.getTemplateName() : name, e.getLineNumber(), e.getColumnNumber(), e.getEditorMessage());
        } catch (freemarker.template.TemplateNotFoundException e) {
            throw P21monException.usage("no template " + name + " in " + (userDir == null ? "" : userDir + " or ")
                    + "the built-in templates/" + area);
        } catch (IOException e) {
            throw P21monException.failed("cannot read template " + describe(name) + ": " + IoErrors.describe(describe(name), e), e);
        }
        StringWriter out = new StringWriter();
        try {
            template.process(model, out);
        } catch (TemplateException e) {
            Integer line = e.getLineNumber();
            Integer column = e.getColumnNumber();
            String source = e.getTemplateSourceName() != null ? e.getTemplateSourceName() : name;
            throw error(source, line == null ? 0 : line, column == null ? 0 : column, e.getMessageWithoutStackTop());
        } catch (IOException e) {
            throw P21monException.failed("cannot render template " + describe(name) + ": " + IoErrors.describe(describe(name), e), e);
        }
        return out.toString();
    }

    private P21monException error(String source, int line, int column, String message) {
        List<String> lines = message == null ? List.of() : message.strip().lines().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
        String first = lines.isEmpty() ? "error" : lines.get(0);
        if (first.endsWith(":") && lines.size() > 1) { // "The following has evaluated to null or missing:" + what
            first = first + " " + lines.get(1).replaceFirst("\\s*\\[in template.*$", "");
        }
        return P21monException.failed("template " + describe(source) + ", line " + line + ", column " + column
                + ": " + first);
    }

    /** A template value as plain Java (maps keep their order), for Jackson. */
    static Object unwrap(TemplateModel m) throws TemplateModelException {
        if (m == null || m == JSON_NULL) {
            return null;
        }
        if (m instanceof AdapterTemplateModel a) {
            return a.getAdaptedObject(Object.class);
        }
        if (m instanceof WrapperTemplateModel w) {
            return w.getWrappedObject();
        }
        if (m instanceof TemplateNumberModel n) {
            return n.getAsNumber();
        }
        if (m instanceof TemplateBooleanModel b) {
            return b.getAsBoolean();
        }
        if (m instanceof TemplateScalarModel s) {
            return s.getAsString();
        }
        if (m instanceof TemplateDateModel d) {
            return d.getAsDate().toInstant().toString();
        }
        if (m instanceof TemplateSequenceModel seq) {
            List<Object> list = new ArrayList<>(seq.size());
            for (int k = 0; k < seq.size(); k++) {
                list.add(unwrap(seq.get(k)));
            }
            return list;
        }
        if (m instanceof TemplateHashModelEx2 h) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (TemplateHashModelEx2.KeyValuePairIterator it = h.keyValuePairIterator(); it.hasNext(); ) {
                TemplateHashModelEx2.KeyValuePair kv = it.next();
                map.put(String.valueOf(unwrap(kv.getKey())), unwrap(kv.getValue()));
            }
            return map;
        }
        if (m instanceof TemplateHashModelEx h) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (TemplateModelIterator it = h.keys().iterator(); it.hasNext(); ) {
                TemplateModel key = it.next();
                String k = String.valueOf(unwrap(key));
                map.put(k, unwrap(h.get(k)));
            }
            return map;
        }
        throw new TemplateModelException("json(value): cannot write a " + m.getClass().getSimpleName()
                + " as JSON (a macro or function?)");
    }
}
