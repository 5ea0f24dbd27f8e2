package org.meridian.server.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.meridian.index.lucene.LuceneSearchIndex;
import org.meridian.server.catalog.CatalogIndexer;
import org.meridian.server.catalog.CatalogStorage;
import org.meridian.server.ops.DataDirectoryLock;
import org.meridian.server.ops.InvalidSetting;
import org.meridian.server.ops.MeridianProperties;
import org.meridian.server.ops.NodeAddress;
import org.meridian.server.system.Databases;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The catalog as a command sees it: the database always, and the search index too when no node
 * is serving the data directory (then the command owns the index and keeps it up to date itself).
 */
final class OfflineCatalog implements AutoCloseable {
    private final MeridianProperties properties;
    private final LinkBase linkBase;
    private final HikariDataSource dataSource;
    private final Optional<DataDirectoryLock> lock;
    /** Whether what holds the lock, when this command could not take it, is a node (it records where it answers). */
    private final boolean heldByNode;
    /** Puts the node's informational messages back when the command is done (see NodeContexts.quietNodeMessages). */
    private final Runnable loudAgain;
    /** The process of the node serving the data directory when this command began, if it recorded one. */
    private final Optional<Long> nodeProcess;
    /** Whether this command began the catalog: the embedded database did not exist before. */
    private final boolean isNew;
    private CatalogStorage storage;

    private OfflineCatalog(MeridianProperties properties, LinkBase linkBase, HikariDataSource dataSource,
            Optional<DataDirectoryLock> lock, boolean heldByNode, Optional<Long> nodeProcess, boolean isNew,
            Runnable loudAgain) {
        this.heldByNode = heldByNode;
        this.nodeProcess = nodeProcess;
        this.isNew = isNew;
        this.loudAgain = loudAgain;
        this.properties = properties;
        this.linkBase = linkBase;
        this.dataSource = dataSource;
        this.lock = lock;
    }

    /** Reads the layered configuration, opens and migrates the database, and tries to take the data directory. */
    static OfflineCatalog open(ConfigurationOptions configuration, Map<String, String> flags) {
        return open(configuration, flags, false);
    }

    /**
     * As {@link #open(ConfigurationOptions, Map)}, but refuses a data directory that holds no catalog
     * yet, rather than create one: a check or rebuild of a new, empty catalog (a mistyped
     * {@code --data-dir}, the wrong working directory) would report on nothing as if all were well.
     */
    static OfflineCatalog openExisting(ConfigurationOptions configuration, Path dataDir) {
        return open(configuration, dataDirFlag(dataDir), true);
    }

    private static OfflineCatalog open(ConfigurationOptions configuration, Map<String, String> flags,
            boolean existingOnly) {
        MeridianProperties properties;
        String configuredAddress;
        List<String> arguments = configuration.springArguments(flags);
        try (ConfigurableApplicationContext context = NodeContexts.configurationOnly(arguments)) {
            properties = context.getBean(MeridianProperties.class);
            int port = Binder.get(context.getEnvironment()).bind("server.port", Integer.class).orElse(8080);
            // Port 0 is chosen when a node starts; with no node running there is no address to give.
            configuredAddress = port == 0 ? "" : NodeAddress.local(context.getEnvironment(), port);
        }
        boolean isNew = properties.database().url().isBlank() && !Files.exists(Databases.embeddedFile(properties.dataDir()));
        if (existingOnly && isNew) {
            throw new InvalidSetting("meridian.data-dir", "no Meridian catalog in "
                    + properties.dataDir().toAbsolutePath().normalize()
                    + "; name the node's data directory with --data-dir or meridian.data-dir");
        }
        Runnable loudAgain = NodeContexts.quietNodeMessages();
        Optional<DataDirectoryLock> lock;
        try {
            lock = DataDirectoryLock.tryAcquire(properties.dataDir());
        } catch (RuntimeException e) {
            loudAgain.run();
            throw e;
        }
        // No request to take the address from: the configured public URL, else where the node
        // serving this directory said it answers (its --port may differ from the configuration),
        // else where a node started with this configuration would.
        Optional<String> recorded = lock.isPresent() ? Optional.empty() : DataDirectoryLock.holderAddress(properties.dataDir());
        LinkBase linkBase = !properties.node().publicUrl().isEmpty() ? new LinkBase(properties.node().publicUrl(), false)
                : recorded.map(address -> new LinkBase(address, false)).orElse(new LinkBase(configuredAddress, true));
        try {
            return new OfflineCatalog(properties, linkBase, Databases.openMigrated(properties, 2), lock,
                    recorded.isPresent(), lock.isPresent() ? Optional.empty() : DataDirectoryLock.holderProcess(properties.dataDir()),
                    isNew, loudAgain);
        } catch (RuntimeException e) {
            lock.ifPresent(DataDirectoryLock::close);
            loudAgain.run();
            throw e;
        }
    }

    /** As {@link #open(ConfigurationOptions, Map)}, with only the command's {@code --data-dir} (may be null) as a flag. */
    static OfflineCatalog open(ConfigurationOptions configuration, Path dataDir) {
        return open(configuration, dataDirFlag(dataDir));
    }

    private static Map<String, String> dataDirFlag(Path dataDir) {
        Map<String, String> flags = new LinkedHashMap<>();
        if (dataDir != null) {
            flags.put("meridian.data-dir", dataDir.toString());
        }
        return flags;
    }

    MeridianProperties properties() {
        return properties;
    }

    /** The data directory, absolute, as messages name it. */
    Path dataDirectory() {
        return properties.dataDir().toAbsolutePath().normalize();
    }

    /** Whether opening it began a new, empty embedded catalog. */
    boolean isNew() {
        return isNew;
    }

    /**
     * Where links handed out at the command line lead.
     *
     * @param assumed true when neither a public URL is configured nor a node serving the data
     *     directory says where it answers, so the address is where a node would answer
     */
    record LinkBase(String url, boolean assumed) {
    }

    LinkBase linkBase() {
        return linkBase;
    }

    HikariDataSource dataSource() {
        return dataSource;
    }

    /**
     * True when a node is serving this data directory (it owns the index), false when this
     * command holds it.
     *
     * @throws IllegalStateException when another command holds it: it owns the index for now, but
     *     follows no rebuild request and indexes only what it writes itself
     */
    boolean nodeIsServing() {
        if (lock.isPresent()) {
            return false;
        }
        if (!heldByNode) {
            throw new IllegalStateException("data directory " + dataDirectory()
                    + " is in use by another Meridian command (an ingest or a reindex) or a node still starting;"
                    + " wait for it and run this again");
        }
        return true;
    }

    /**
     * Whether the node that was serving this data directory when the command began still is. The
     * OS drops the node's lock when its process ends, however it ended (a zombie's or a reused
     * process id would mislead): a free lock is taken for an instant to tell, and given back at
     * once. A node started since holds the lock too, but names another process in the lock file;
     * this command, which may have become the database's host meanwhile, must not carry on
     * beside it.
     */
    boolean nodeHoldsDirectory() {
        Optional<DataDirectoryLock> free = DataDirectoryLock.tryAcquire(properties.dataDir());
        free.ifPresent(DataDirectoryLock::close);
        return free.isEmpty()
                && (nodeProcess.isEmpty() || DataDirectoryLock.holderProcess(properties.dataDir()).equals(nodeProcess));
    }

    /** The full storage stack with the index; only when no node is serving. */
    CatalogStorage storage() {
        if (nodeIsServing()) {
            throw new IllegalStateException("a node is serving " + properties.dataDir() + " and owns its index");
        }
        if (storage == null) {
            storage = CatalogStorage.open(dataSource, properties.dataDir(), LuceneSearchIndex::open,
                    CatalogIndexer.Settings.of(properties.indexer()),
                    Clock.systemUTC(), new SimpleMeterRegistry());
        }
        return storage;
    }

    @Override
    public void close() {
        try {
            if (storage != null) {
                storage.close();
            }
        } finally {
            dataSource.close();
            lock.ifPresent(DataDirectoryLock::close);
            loudAgain.run();
        }
    }
}
