package org.meridian.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.meridian.catalog.RecordBuilder.aDataset;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.Stage;
import org.meridian.server.audit.Actor;
import org.meridian.server.audit.AuditEntry;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.audit.Outcome;
import org.meridian.server.catalog.CatalogStore;
import org.meridian.server.cli.DemoDataDirectory.SampleSettings;
import org.meridian.server.ops.DataDirectoryLock;
import org.meridian.server.system.Databases;

/** Which data directories a demo takes for its sample, and which it refuses, saying why. */
class DemoDataDirectoryTest {
    private static final SampleSettings DEFAULT = new SampleSettings(20_000, 42);
    private static final SampleSettings SMALL = new SampleSettings(100, 42);

    @TempDir
    Path dataDir;

    private DemoDataDirectory directory() {
        return new DemoDataDirectory(dataDir);
    }

    @Test
    void aNewDirectoryIsClaimedBeforeAnythingIsOpenedAndKeptForTheSameFlags() throws IOException {
        directory().claim(SMALL);
        directory().claim(SMALL);

        assertThat(Files.readString(dataDir.resolve(DemoDataDirectory.LOADING))).isEqualTo("datasets=100 seed=42\n");
        assertThat(dataDir.resolve("db")).doesNotExist();
        assertThat(directory().loaded()).isFalse();
    }

    @Test
    void aLoadedSampleRefusesOtherFlagsNamingItsOwn() {
        directory().claim(SMALL);
        directory().markLoaded(SMALL);

        assertThatThrownBy(() -> directory().claim(DEFAULT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dataDir.toAbsolutePath() + " holds the demo catalog made with --datasets 100 --seed 42;"
                        + " start the demo with those, or give another --data-dir for this one");
        assertThat(directory().loaded()).isTrue();
    }

    @Test
    void aLoadThatBeganKeepsItsFlagsButAStartThatLoadedNothingDoesNot() {
        directory().claim(SMALL);
        migrate();

        // The first start failed before loading anything (its port was taken): other flags may have the directory.
        directory().claim(DEFAULT);
        storeRecord();

        assertThatThrownBy(() -> directory().claim(SMALL)).hasMessageContaining("made with --datasets 20000 --seed 42;");
    }

    @Test
    void aCatalogAnOlderDemoBeganWithoutMarkersIsResumedAndANodesCatalogRefused() {
        migrate();
        storeRecord();

        assertThatThrownBy(() -> directory().claim(DEFAULT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dataDir.toAbsolutePath() + " holds a catalog that is not the demo's (records or accounts other"
                        + " commands made); serve it with 'meridian serve --data-dir " + dataDir + "', or give the demo"
                        + " another --data-dir (and create its accounts after its first start)");

        try (HikariDataSource dataSource = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 1)) {
            new AuditLog(dataSource, Clock.systemUTC()).append(AuditEntry.of(new Actor(Actor.Kind.SYSTEM,
                    DemoDataDirectory.DEMO_ACTOR), "scenario.model-add", "m", Outcome.SUCCESS, AuditEntry.NO_REQUEST, Map.of()));
        }
        directory().claim(DEFAULT);
        assertThat(dataDir.resolve(DemoDataDirectory.LOADING)).content().isEqualTo("datasets=20000 seed=42\n");
    }

    @Test
    void aNodeSetUpButNotYetLoadedIsNotTheDemosToFill() {
        migrate();
        try (HikariDataSource dataSource = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 1)) {
            new AuditLog(dataSource, Clock.systemUTC()).append(AuditEntry.of(Actor.commandLine(), "user.create", "root",
                    Outcome.SUCCESS, AuditEntry.NO_REQUEST, Map.of()));
        }

        assertThatThrownBy(() -> directory().claim(DEFAULT)).hasMessageContaining("holds a catalog that is not the demo's");
        assertThat(dataDir.resolve(DemoDataDirectory.LOADING)).doesNotExist();
    }

    @Test
    void aDirectoryAnotherProcessHoldsIsNotClaimed() {
        try (DataDirectoryLock node = DataDirectoryLock.acquire(dataDir)) {
            assertThatThrownBy(() -> directory().claim(DEFAULT)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is in use by another Meridian process");
        }
        assertThat(dataDir.resolve(DemoDataDirectory.LOADING)).doesNotExist();
    }

    @Test
    void aDemoWhoseDirectoryWasClaimedBeforeItsNodeStartedTakesItBackUnlessTheOtherSampleIsLoading() {
        directory().claim(SMALL);
        // A second demo with other flags claims it before the first one's node takes the lock.
        directory().claim(DEFAULT);

        try (DataDirectoryLock node = DataDirectoryLock.acquire(dataDir)) {
            directory().claimAgainWhileTheNodeHoldsIt(SMALL);
        }
        assertThat(dataDir.resolve(DemoDataDirectory.LOADING)).content().isEqualTo("datasets=100 seed=42\n");

        directory().claim(DEFAULT);
        migrate();
        storeRecord();
        try (DataDirectoryLock node = DataDirectoryLock.acquire(dataDir)) {
            assertThatThrownBy(() -> directory().claimAgainWhileTheNodeHoldsIt(SMALL))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("holds the demo catalog made with --datasets 20000 --seed 42");
        }
    }

    @Test
    void anEmptyCatalogWithoutMarkersIsTaken() {
        migrate();

        directory().claim(DEFAULT);

        assertThat(dataDir.resolve(DemoDataDirectory.LOADING)).exists();
    }

    private void migrate() {
        try (HikariDataSource dataSource = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 2)) {
            Databases.migrate(dataSource);
        }
    }

    private void storeRecord() {
        try (HikariDataSource dataSource = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 1)) {
            new CatalogStore(dataSource, new RecordJson(), Clock.systemUTC())
                    .upsert(Stage.PRODUCTION, List.of(aDataset("CMIP6.node.own").build()));
        }
    }
}
