package org.meridian.server.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.Stage;
import org.meridian.server.catalog.CatalogIngest;
import org.meridian.server.catalog.CatalogStore;
import org.meridian.server.catalog.IngestFailedException;
import org.meridian.server.catalog.IngestInterruptedException;
import org.meridian.server.identity.IdentityStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meridian ingest FILE...}: bulk load JSON lines. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Bulk load records from JSON-lines files (one ESGF-style document per line).",
                "Idempotent by record id: unchanged records are skipped.",
                "A bad line stops the load with its line number; batches before it stay committed.",
                "If a node is serving the data directory, it indexes the new records."})
final class IngestCommand implements Callable<Integer> {
    /** Audited once per command, with the files and what became of their records. */
    static final String AUDIT_ACTION = "catalog.ingest";
    /**
     * Recorded before the first batch: records are committed batch by batch, so an ingest killed
     * midway leaves committed records and no {@link #AUDIT_ACTION} event, but this one.
     */
    static final String AUDIT_START_ACTION = "catalog.ingest.start";

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "JSON-lines files to load, in order.")
    List<Path> files;

    @Mixin
    ConfigurationOptions configuration;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (overrides meridian.data-dir).")
    Path dataDir;

    @Option(names = "--batch-size", description = "Records per transaction (default: meridian.indexer.batch-size).")
    Integer batchSize;

    @Option(names = "--stage", description = "Stage to load into: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            defaultValue = "PRODUCTION")
    Stage stage;

    /** How progress is shown. */
    enum ProgressStyle {
        /** A bar on a terminal, a line every few seconds otherwise. */
        AUTO,
        /** One line per committed batch on standard output, for scripts: everything up to that line is durable. */
        LINES,
        NONE
    }

    @Option(names = "--progress", defaultValue = "AUTO",
            description = "Progress display: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). LINES prints 'committed <records> records through <file>:<line>' per batch.")
    ProgressStyle progressStyle;

    @Override
    public Integer call() {
        // Before anything is opened: a mistyped file name must not leave a new, empty catalog behind.
        CatalogIngest.totalBytes(files);
        Map<String, String> flags = new LinkedHashMap<>();
        if (dataDir != null) {
            flags.put("meridian.data-dir", dataDir.toString());
        }
        if (batchSize != null) {
            flags.put("meridian.indexer.batch-size", batchSize.toString());
        }
        // When this process indexes (no node is serving), nobody can search its index, so loaded
        // records need to become searchable only at its durable commits: each refresh writes a
        // small segment that is merged again later, about a tenth of the load's time.
        flags.put("meridian.indexer.refresh-interval", "365d");
        try (OfflineCatalog catalog = OfflineCatalog.open(configuration, flags)) {
            CatalogIngest ingest;
            boolean besideNode = catalog.nodeIsServing();
            if (besideNode) {
                System.err.println("A node is serving " + catalog.properties().dataDir()
                        + "; it will index the loaded records from the change log.");
                ingest = new CatalogIngest(new CatalogStore(catalog.dataSource(), new RecordJson(), Clock.systemUTC()),
                        written -> {
                        }, new RecordJson(), catalog.properties().indexer().batchSize(), Clock.systemUTC());
            } else {
                catalog.storage().indexer().start();
                ingest = catalog.storage().ingest();
            }
            ProgressBar bar = ProgressBar.onStandardError("Ingesting");
            CommandAudit audit = new CommandAudit(catalog.dataSource());
            String target = stage.name().toLowerCase(Locale.ROOT);
            Map<String, String> details = new TreeMap<>(Map.of("files", files.stream()
                    .map(file -> file.toAbsolutePath().normalize().toString()).collect(Collectors.joining(","))));
            audit.began(AUDIT_START_ACTION, target, details);
            CatalogIngest.Summary summary;
            try {
                summary = load(ingest, bar, besideNode ? stopWhenTheNodeIsGone(catalog) : progress -> {
                });
            } catch (RuntimeException failure) {
                details.put("committed_records", committedBefore(failure));
                audit.failed(AUDIT_ACTION, target, details, failure);
                throw failure;
            }
            details.put("records", Long.toString(summary.records()));
            details.put("changed", Long.toString(summary.changed()));
            details.put("unchanged", Long.toString(summary.unchanged()));
            audit.succeeded(AUDIT_ACTION, target, details);
            bar.finish(String.format(Locale.ROOT, "Loaded %,d records (%,d new or changed, %,d unchanged) in %s, %,.0f records/s",
                    summary.records(), summary.changed(), summary.unchanged(),
                    ProgressBar.duration(summary.elapsed()), summary.recordsPerSecond()));
            warnOfGroupsWithoutOrganisation(summary, new IdentityStore(catalog.dataSource()));
        }
        return 0;
    }

    /**
     * A record restricted to a group no organisation here carries is seen by node administrators
     * alone, and the API refuses to write it back until the organisation exists. Loading it is
     * allowed (the organisation may come later, as when a catalog moves between nodes), but said.
     */
    private static void warnOfGroupsWithoutOrganisation(CatalogIngest.Summary summary, IdentityStore identity) {
        List<String> missing = summary.accessGroups().stream()
                .filter(group -> identity.findOrganisation(group).isEmpty()).toList();
        if (!missing.isEmpty()) {
            System.err.println("warning: records restricted to access group" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + ", which no organisation on this node has: only node administrators"
                    + " see them until an organisation of that id exists (/admin/organisations)");
        }
    }

    /**
     * Beside a node, stops after the batch that finds the node gone (killed, or stopped). Going on
     * would make this command the host of the embedded database, and a node started meanwhile
     * would reach its own database through this short-lived process until it ends.
     */
    private static CatalogIngest.Listener stopWhenTheNodeIsGone(OfflineCatalog catalog) {
        return progress -> {
            // After the last batch there is nothing left to stop: the load is whole, node or no node.
            if (!progress.complete() && !catalog.nodeHoldsDirectory()) {
                throw new IngestInterruptedException("the node serving " + catalog.dataDirectory()
                        + " stopped; its next start indexes what is committed", progress.records(), null);
            }
        };
    }

    private CatalogIngest.Summary load(CatalogIngest ingest, ProgressBar bar, CatalogIngest.Listener afterEachBatch) {
        return ingest.load(files, stage, progress -> {
            afterEachBatch.committed(progress);
            switch (progressStyle) {
                case AUTO -> bar.update(progress.done(), progress.total(), progress.records(), progress.elapsed());
                case LINES -> {
                    System.out.println("committed " + progress.records() + " records through " + progress.file() + ":"
                            + progress.line());
                    System.out.flush();
                }
                case NONE -> {
                }
            }
        });
    }

    /** How many records a load that stopped had committed, as far as its failure tells. */
    private static String committedBefore(RuntimeException failure) {
        return switch (failure) {
            case IngestFailedException stopped -> Long.toString(stopped.committedRecords());
            case IngestInterruptedException interrupted -> Long.toString(interrupted.committedRecords());
            default -> "unknown";
        };
    }
}
