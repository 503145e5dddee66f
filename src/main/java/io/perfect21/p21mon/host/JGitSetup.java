package io.perfect21.p21mon.host;

import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.StoredConfig;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What p21mon asks of JGit, in one place for the {@code git} check and the exporter's git metrics: one definition of
 * a work tree's dirty and untracked files, and JGit set up so that it writes nothing outside p21mon's own directories
 * and does not make the first run slow.
 *
 * <p>On its first use on a file system JGit measures the file system's timestamp resolution (seconds of writing and
 * statting probe files) and saves it to {@code $XDG_CONFIG_HOME/jgit/config}. p21mon only reads work trees, so it
 * gives JGit a configuration of its own that is never saved, and lets the measurement run in the background (JGit then
 * uses its conservative defaults until the measurement ends).
 */
public final class JGitSetup {
    private static boolean done;

    private JGitSetup() {
    }

    /** The counts of a work tree's {@link Status}, as the check and the metrics report them. */
    public record Counts(int dirty, int untracked, int conflicting) {
        /**
         * {@code dirty}: tracked files with uncommitted changes (modified, staged, removed, missing, conflicting);
         * {@code untracked}: files git does not track and does not ignore. An untracked file is not dirty.
         */
        public static Counts of(Status status) {
            return new Counts(status.getUncommittedChanges().size(), status.getUntracked().size(),
                    status.getConflicting().size());
        }
    }

    /**
     * Sets JGit up (once per JVM) for a work tree at {@code dir}; call before opening it. JGit's file-system attributes
     * for the file system holding {@code dir} are given (its conservative fallbacks: 2 s timestamp resolution, which
     * only makes it compare the content of files changed in the last 2 s), so it measures nothing.
     */
    public static synchronized void init(Path dir) {
        init();
        try {
            String key = configKeyPrefix() + Files.getFileStore(dir).name();
            StoredConfig config = SystemReader.getInstance().getJGitConfig();
            if (config.getString("filesystem", key, "timestampResolution") == null) {
                config.setString("filesystem", key, "timestampResolution", "2 seconds");
                config.setString("filesystem", key, "minRacyThreshold", "0 milliseconds");
            }
        } catch (IOException | ConfigInvalidException | ReflectiveOperationException | RuntimeException e) {
            // JGit measures in the background then, still writing nothing outside the work tree
        }
    }

    /** JGit's key of a file system in its configuration: the JVM's vendor and version, then the store's name. */
    private static String configKeyPrefix() throws ReflectiveOperationException {
        java.lang.reflect.Field f = FS.FileStoreAttributes.class.getDeclaredField("JAVA_VERSION_PREFIX");
        f.setAccessible(true);
        return (String) f.get(null);
    }

    /** Sets JGit up once per JVM. */
    public static synchronized void init() {
        if (done) {
            return;
        }
        done = true;
        FS.FileStoreAttributes.setBackground(true);
        SystemReader.setInstance(new SystemReader.Delegate(SystemReader.getInstance()) {
            @Override
            public FileBasedConfig openJGitConfig(Config parent, FS fs) {
                return new UnsavedConfig(parent, fs);
            }

            @Override
            public FileBasedConfig openSystemConfig(Config parent, FS fs) {
                // finding git's system configuration means running 'git config --system --show-origin' (a process
                // start per run); a work tree's status needs only the repository's and the user's settings
                return new UnsavedConfig(parent, fs);
            }
        });
    }

    /** JGit's own settings, kept in memory: read as empty, never written. */
    private static final class UnsavedConfig extends FileBasedConfig {
        UnsavedConfig(Config parent, FS fs) {
            super(parent, new File(".p21mon-jgit-config-not-saved"), fs);
        }

        @Override
        public void load() {
            clear();
        }

        @Override
        public void save() {
            // p21mon writes nothing outside its own directories
        }

        @Override
        public boolean isOutdated() {
            return false;
        }
    }
}
