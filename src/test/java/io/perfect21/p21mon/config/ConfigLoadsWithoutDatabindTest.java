package io.perfect21.p21mon.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading the configuration loads no Jackson databind class (issue #16: ~600 of them stayed in {@code metrics serve}'s
 * metaspace). The loader runs in a class loader of its own over the test class path, which records every class asked
 * of it: a databind class the config path touched would be among them.
 */
class ConfigLoadsWithoutDatabindTest {
    @TempDir
    Path dir;

    /** Loads a full configuration and a broken one, as {@code metrics serve} and {@code config validate} would. */
    public static final class Probe implements Function<String, String> {
        @Override
        public String apply(String directory) {
            Path dir = Path.of(directory);
            ConfigLoader.Loaded loaded = new ConfigLoader(Map.of(), dir).load(null);
            String broken;
            try {
                new ConfigLoader(Map.of(), dir).parse("metrics:\n  prot: x\nhealth: {timeout: soon, cpu_threshold: [1]}\n"
                        + "jobs: [{timeout: 5m}]\nalerting: {email: {port: 1}}\n", "broken.yaml");
                broken = "no problem found";
            } catch (ConfigException e) {
                broken = e.problems().size() + " problems";
            }
            return loaded.config().metrics().port() + " " + loaded.config().health().checks().size() + " checks, "
                    + broken;
        }
    }

    /** Records the name of every class the JVM asks it for; finds them on the class path, not in its parent. */
    private static final class RecordingLoader extends URLClassLoader {
        final List<String> requested = Collections.synchronizedList(new ArrayList<>());

        RecordingLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            requested.add(name);
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void theConfigurationPathLoadsNoDatabindClass() throws Exception {
        Files.writeString(dir.resolve(ConfigLoader.FILE_NAME), ConfigBinderTest.fullExample());
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        try (RecordingLoader loader = new RecordingLoader(urls.toArray(URL[]::new))) {
            @SuppressWarnings("unchecked")
            Function<String, String> probe = (Function<String, String>) loader.loadClass(Probe.class.getName())
                    .getConstructor().newInstance();
            assertThat(loader.getResource("com/fasterxml/jackson/databind/ObjectMapper.class"))
                    .as("databind is on the class path this loader sees").isNotNull();
            loader.requested.clear();

            assertThat(probe.apply(dir.toString())).isEqualTo("9100 2 checks, 5 problems");

            List<String> requested = List.copyOf(loader.requested);
            assertThat(requested).as("the loader under test ran in the recording class loader")
                    .contains(ConfigBinder.class.getName(), "com.fasterxml.jackson.dataformat.yaml.YAMLParser");
            assertThat(requested).filteredOn(n -> n.startsWith("com.fasterxml.jackson.databind.")).isEmpty();
        }
    }
}
