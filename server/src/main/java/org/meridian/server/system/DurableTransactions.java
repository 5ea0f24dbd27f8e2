package org.meridian.server.system;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Transactions on the node's database that are on the disk when their commit returns, so a write
 * the node acknowledged survives a power loss or a crash of the machine, not only of the process.
 *
 * <p>PostgreSQL does this itself: a commit returns once its write-ahead log is flushed. H2 writes
 * each commit to its file at once ({@code WRITE_DELAY=0}) but leaves it in the operating system's
 * cache; only {@code CHECKPOINT SYNC} forces the file to the device. On H2 every commit is
 * followed by one. An fsync costs about 0.2 ms on this machine's disk, and writes come in batches
 * (5,000 records in a bulk load), so the cost is small beside the commit itself.
 */
public final class DurableTransactions extends DataSourceTransactionManager {
    private static final Logger log = LoggerFactory.getLogger(DurableTransactions.class);
    private static final long serialVersionUID = 1L;
    /** H2's error code for a command only administrators may run. */
    private static final int H2_ADMIN_RIGHTS_REQUIRED = 90040;

    /** Whether commits need the explicit sync; found out from the first committing connection. */
    private transient volatile Boolean syncAfterCommit;

    public DurableTransactions(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        super.doCommit(status);
        Connection connection = ((JdbcTransactionObjectSupport) status.getTransaction()).getConnectionHolder().getConnection();
        try {
            if (syncAfterCommit == null) {
                syncAfterCommit = needsSync(connection.getMetaData());
            }
            if (syncAfterCommit) {
                try (Statement sync = connection.createStatement()) {
                    sync.execute("CHECKPOINT SYNC");
                }
            }
        } catch (SQLException e) {
            // The commit itself succeeded; failing the caller now would report a stored write as lost.
            if (e.getErrorCode() == H2_ADMIN_RIGHTS_REQUIRED) {
                syncAfterCommit = false;
                log.warn("The database user is not an H2 administrator, so commits cannot be forced to disk "
                        + "(CHECKPOINT SYNC); a power loss can lose the last writes. Use the user that created "
                        + "the database.");
            } else {
                log.error("The database committed a transaction but could not force it to disk; "
                        + "a power loss now could lose it", e);
            }
        }
    }

    /** H2 keeping its data in a file; an in-memory H2 has nothing to sync and PostgreSQL syncs itself. */
    static boolean needsSync(DatabaseMetaData database) throws SQLException {
        return "H2".equals(database.getDatabaseProductName()) && !database.getURL().startsWith("jdbc:h2:mem:");
    }
}
