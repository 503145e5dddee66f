package io.perfect21.p21mon.stack;

import io.perfect21.p21mon.IoErrors;
import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.perfect21.p21mon.P21monException;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stack's FreeMarker templates: the built-in ones of {@code templates/stack/} (packaged on the classpath under
 * {@code /io/perfect21/p21mon/templates/stack}, as the dashboards templates), overlaid by the user's directory ({@code stack.templates_dir}) where a file of the same
 * name wins. The one place the stack touches FreeMarker, so it can move onto a shared template engine.
 */
public final class StackTemplates {
    static final String CLASSPATH_BASE = "/io/perfect21/p21mon/templates/stack";

    private final Configuration freemarker;
    private final Path userDir;

    /** Templates from the classpath, overlaid by {@code userDir} when it is not null. */
    public StackTemplates(Path userDir) {
        this.userDir = userDir;
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setDefaultEncoding("UTF-8");
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setNumberFormat("computer");
        List<TemplateLoader> loaders = new ArrayList<>();
        if (userDir != null) {
            if (!Files.isDirectory(userDir)) {
                throw P21monException.usage("stack.templates_dir: " + userDir + " is not a directory");
            }
            try {
                loaders.add(new FileTemplateLoader(userDir.toFile()));
            } catch (IOException e) {
                throw P21monException.usage("stack.templates_dir: cannot read " + userDir + ": " + IoErrors.describe(userDir, e));
            }
        }
        loaders.add(new ClassTemplateLoader(StackTemplates.class, CLASSPATH_BASE));
        cfg.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new)));
        this.freemarker = cfg;
    }

    /** Renders the named template ({@code prometheus.yml.ftl}) with the model. */
    public String render(String name, Map<String, Object> model) {
        try {
            Template t = freemarker.getTemplate(name);
            StringWriter out = new StringWriter();
            t.process(model, out);
            return out.toString();
        } catch (freemarker.template.TemplateNotFoundException e) {
            throw P21monException.failed("stack template " + name + " not found (classpath " + CLASSPATH_BASE
                    + (userDir != null ? ", " + userDir : "") + ")");
        } catch (IOException | TemplateException e) {
            throw P21monException.usage("stack template " + name + (userDir != null ? " (" + userDir + " overlays the built-in ones)" : "")
                    + ": " + IoErrors.describe(e));
        }
    }
}
