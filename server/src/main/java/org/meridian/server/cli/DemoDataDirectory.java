package org.meridian.server.cli;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.meridian.server.ops.DataDirectoryLock;
import org.meridian.server.system.AtomicFiles;
import org.meridian.server.system.Databases;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A demo's data directory and the sample catalog it holds, recorded in marker files beside the
 * catalog so that a start with other flags, or on a node's real catalog, never loads a second
 * catalog over the first.
 *
 * <p>{@value #LOADING} is written before the catalog is first opened and names the flags its sample
 * is made with; {@value #LOADED} is written once the sample is wholly loaded. Versions before the
 * first marker wrote only {@value #LOADED}, and a load they left unfinished left no marker at all:
 * such a catalog is known by the demo's own entries in its audit log.
 */
final class DemoDataDirectory {
    static final String LOADED = "demo-catalog.loaded";
    static final String LOADING = "demo-catalog.loading";
    /** The actor the demo writes as; an older demo's catalog carries its audit events. */
    static final String DEMO_ACTOR = "demo";

    /** The flags a sample catalog is generated from; the same ones give the same catalog. */
    record SampleSettings(int datasets, long seed) {
        private static final Pattern MARKER = Pattern.compile("datasets=(\\d+) seed=(-?\\d+)");

        static Optional<SampleSettings> parse(String marker) {
            Matcher matcher = MARKER.matcher(marker.strip());
            return matcher.matches()
                    ? Optional.of(new SampleSettings(Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2))))
                    : Optional.empty();
        }

        String marker() {
            return "datasets=" + datasets + " seed=" + seed;
        }

        String flags() {
            return "--datasets " + datasets + " --seed " + seed;
        }
    }

    /** What a catalog holds, as far as the choice needs. */
    private record Contents(long records, long auditEvents, long demoEvents) {
        /**
         * Whether a catalog with no marker may be the demo's: an older demo wrote no marker but
         * audited its own steps; a catalog nothing was ever written to is nobody's. A node set up
         * but not yet loaded (accounts, organisations: audited) is not the demo's to fill.
         */
        boolean mayBeTaken() {
            return demoEvents > 0 || records == 0 && auditEvents == 0;
        }
    }

    private final Path dataDir;

    DemoDataDirectory(Path dataDir) {
        this.dataDir = requireNonNull(dataDir, "dataDir is null");
    }

    /**
     * Makes the directory this sample's, or refuses it. Decided while holding the data directory's
     * lock, so a second demo starting beside the first cannot rewrite its marker.
     *
     * @throws IllegalArgumentException saying what the directory holds and what to do, when it holds
     *     another sample or a catalog that is not a demo's
     * @throws IllegalStateException when another Meridian process is using the directory
     */
    void claim(SampleSettings sample) {
        try (DataDirectoryLock held = DataDirectoryLock.acquire(dataDir)) {
            claimHolding(sample);
        }
    }

    /**
     * Decides again once this process's node holds the data directory's lock, before anything is
     * loaded. {@link #claim} lets the lock go before the node takes it, seconds later; a second demo
     * with other flags may claim the directory in between (its own node then fails on the lock),
     * and this one would load its sample under the other's marker. While nothing of the other's
     * sample is loaded, the directory is taken back, as {@link #claim} decides.
     */
    void claimAgainWhileTheNodeHoldsIt(SampleSettings sample) {
        claimHolding(sample);
    }

    private void claimHolding(SampleSettings sample) {
        Optional<String> loaded = read(LOADED);
        if (loaded.isPresent()) {
            refuseUnlessSame(loaded.get(), sample);
            return;
        }
        Optional<String> loading = read(LOADING);
        if (loading.isPresent() && holds(loading.get(), sample)) {
            return;
        }
        Contents contents = contents();
        if (loading.isPresent()) {
            // Another sample began here; once any of it is loaded, it keeps the directory.
            if (contents.records() > 0) {
                refuseUnlessSame(loading.get(), sample);
            }
        } else if (!contents.mayBeTaken()) {
            throw new IllegalArgumentException(absolute() + " holds a catalog that is not the demo's (records or"
                    + " accounts other commands made); serve it with 'meridian serve --data-dir " + dataDir + "', or give"
                    + " the demo another --data-dir (and create its accounts after its first start)");
        }
        write(LOADING, sample);
    }

    /** Whether the sample is wholly loaded. */
    boolean loaded() {
        return read(LOADED).isPresent();
    }

    void markLoaded(SampleSettings sample) {
        write(LOADED, sample);
    }

    private void refuseUnlessSame(String marker, SampleSettings sample) {
        if (!holds(marker, sample)) {
            throw new IllegalArgumentException(absolute() + " holds the demo catalog made with "
                    + SampleSettings.parse(marker).map(SampleSettings::flags).orElse("other flags")
                    + "; start the demo with those, or give another --data-dir for this one");
        }
    }

    private static boolean holds(String marker, SampleSettings sample) {
        return SampleSettings.parse(marker).equals(Optional.of(sample));
    }

    /** Only when the catalog exists: opening the database would create one. */
    private Contents contents() {
        if (!Files.exists(Databases.embeddedFile(dataDir))) {
            return new Contents(0, 0, 0);
        }
        try (HikariDataSource dataSource = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 1)) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            return new Contents(count(jdbc, "SELECT COUNT(*) FROM catalog_records"),
                    count(jdbc, "SELECT COUNT(*) FROM audit_events"),
                    count(jdbc, "SELECT COUNT(*) FROM audit_events WHERE actor_kind = 'SYSTEM' AND actor = '"
                            + DEMO_ACTOR + "'"));
        }
    }

    /** A table a start killed during its first migration never created counts as empty. */
    private static long count(JdbcTemplate jdbc, String sql) {
        try {
            Long count = jdbc.queryForObject(sql, Long.class);
            return count == null ? 0 : count;
        } catch (BadSqlGrammarException e) {
            return 0;
        }
    }

    private Optional<String> read(String name) {
        try {
            return Optional.of(Files.readString(dataDir.resolve(name), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample catalog marker " + dataDir.resolve(name), e);
        }
    }

    /** Replaced whole, so a crash never leaves half a marker. */
    private void write(String name, SampleSettings sample) {
        try {
            DataDirectoryLock.createPrivately(dataDir);
            AtomicFiles.replace(dataDir.resolve(name), sample.marker() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the sample catalog marker in " + dataDir, e);
        }
    }

    private Path absolute() {
        return dataDir.toAbsolutePath().normalize();
    }
}
