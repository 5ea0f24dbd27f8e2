package org.meridian.server.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a command that works on a node's data directly: configuration layers and {@code --data-dir}. */
final class OfflineOptions {
    @Mixin
    ConfigurationOptions configuration;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (overrides meridian.data-dir).")
    Path dataDir;

    OfflineCatalog open() {
        return OfflineCatalog.open(configuration, dataDir);
    }

    /** The catalog, refusing a data directory that has none yet (see {@link OfflineCatalog#openExisting}). */
    OfflineCatalog openExisting() {
        return OfflineCatalog.openExisting(configuration, dataDir);
    }
}
