package org.meridian.server.system;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;
import org.meridian.server.ops.EffectiveConfiguration;
import org.meridian.server.ops.EnvironmentVariables;
import org.meridian.server.ops.InvalidSetting;
import org.meridian.server.ops.MeridianProperties;

/**
 * Opens the node's database and brings its schema up to date. Used by the node, the command
 * line and the benchmarks alike, so every entry point writes through the same schema.
 */
public final class Databases {
    private Databases() {
    }

    /**
     * The embedded default: an H2 file database under {@code <dataDir>/db}.
     *
     * <p>{@code AUTO_SERVER} lets {@code meridian ingest} write while a node on the same data
     * directory is serving (the first process to open the file serves it to the others over
     * loopback). {@code WRITE_DELAY=0} makes every commit durable when it returns, so an
     * acknowledged ingest batch survives a killed process.
     *
     * <p>H2 closes the file from its own shutdown hook, which may run before the node's indexer has
     * read the end of the change log; the indexer then commits what it applied and the next start
     * replays the rest. {@code DB_CLOSE_ON_EXIT=FALSE} would leave the closing to the node, but H2
     * refuses it together with {@code AUTO_SERVER} ("Feature not supported").
     */
    public static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + embeddedBase(dataDir) + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }

    /** The embedded database's file, which exists once anything has opened the data directory's catalog. */
    public static Path embeddedFile(Path dataDir) {
        Path base = embeddedBase(dataDir);
        return base.resolveSibling(base.getFileName() + ".mv.db");
    }

    private static Path embeddedBase(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve("db").resolve("meridian");
    }

    /** A pooled data source; the caller closes it. */
    public static HikariDataSource open(String url, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("meridian");
        return new HikariDataSource(config);
    }

    /**
     * The node's configured database (the embedded H2 file when {@code meridian.database.url} is
     * empty), opened and migrated; closed again if migration fails.
     */
    public static HikariDataSource openMigrated(MeridianProperties properties, int poolSize) {
        MeridianProperties.Database database = properties.database();
        String url = database.url().isBlank() ? embeddedUrl(properties.dataDir()) : database.url();
        String password = "";
        if (!database.passwordEnv().isEmpty()) {
            password = EnvironmentVariables.ProcessEnvironment.INSTANCE.get(database.passwordEnv()).orElseThrow(() ->
                    new InvalidSetting("meridian.database.password-env", "environment variable "
                            + database.passwordEnv() + " is not set; it must hold the database password"));
        }
        HikariDataSource dataSource;
        try {
            dataSource = open(url, database.user(), password, poolSize);
        } catch (HikariPool.PoolInitializationException e) {
            if (database.url().isBlank()) {
                throw e;
            }
            // The URL may hold credentials; the message names the setting, not its value then.
            String shown = EffectiveConfiguration.carriesCredentials(url) ? "the database" : url;
            throw new InvalidSetting("meridian.database.url", "cannot connect to " + shown + ": " + Failures.rootMessage(e));
        }
        try {
            migrate(dataSource);
            return dataSource;
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /**
     * Applies pending Flyway migrations from {@code classpath:db/migration}.
     *
     * @throws IllegalStateException when an earlier upgrade stopped midway, saying what to do
     */
    public static void migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
        refuseAnUnfinishedUpgrade(flyway);
        flyway.migrate();
    }

    /**
     * H2 commits each statement that changes the schema on its own, so a migration a kill stopped
     * midway keeps what it had done, and Flyway refuses every start after it, asking for a
     * "repair" that Meridian has no command for and that would not undo that part anyway.
     * (PostgreSQL rolls such a migration back whole, and it simply runs again.)
     */
    private static void refuseAnUnfinishedUpgrade(Flyway flyway) {
        Arrays.stream(flyway.info().all())
                .filter(migration -> migration.getState() == MigrationState.FAILED)
                .findFirst()
                .ifPresent(failed -> {
                    throw new IllegalStateException("the database's upgrade to version " + failed.getVersion() + " ("
                            + failed.getDescription() + ") did not finish: the process running it stopped midway, and"
                            + " the database keeps the part that ran; restore the data directory from a copy taken"
                            + " before the upgrade (with no node running), or, if it held no catalog yet, delete it"
                            + " and start again");
                });
    }
}
