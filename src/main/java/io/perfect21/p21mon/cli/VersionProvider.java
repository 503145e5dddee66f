package io.perfect21.p21mon.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code p21mon --version}: the build's version and the JVM it runs on. */
public final class VersionProvider implements IVersionProvider {
    /** The version Maven wrote into the build ({@code unknown} when run from unfiltered sources). */
    public static String version() {
        // the jar's manifest is already read by the class loader; the resource below costs a cold lookup through the
        // boot and platform loaders first (a tenth of 'p21mon --version'), so it is only the fallback for target/classes
        Package pkg = VersionProvider.class.getPackage();
        String fromManifest = pkg != null ? pkg.getImplementationVersion() : null;
        if (fromManifest != null && !fromManifest.isBlank()) {
            return fromManifest;
        }
        try (InputStream in = VersionProvider.class.getResourceAsStream("/io/perfect21/p21mon/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "p21mon " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
