package org.meridian.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionTemplate;

class DurableTransactionsTest {
    @TempDir
    Path dataDir;

    @Test
    void everyCommitOnAnH2FileIsForcedToDiskAfterItCommits() {
        try (HikariDataSource h2 = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 2)) {
            List<String> calls = new CopyOnWriteArrayList<>();
            DataSource recording = recording(h2, calls);
            new JdbcTemplate(h2).execute("CREATE TABLE t (v INT)");

            new TransactionTemplate(new DurableTransactions(recording))
                    .executeWithoutResult(status -> new JdbcTemplate(recording).update("INSERT INTO t VALUES (1)"));

            assertThat(calls).containsSubsequence("commit", "CHECKPOINT SYNC");
            assertThat(new JdbcTemplate(h2).queryForObject("SELECT COUNT(*) FROM t", Integer.class)).isEqualTo(1);
        }
    }

    @Test
    void inMemoryH2HasNothingToSync() {
        try (HikariDataSource memory = Databases.open("jdbc:h2:mem:durable-test", "sa", "", 1)) {
            List<String> calls = new CopyOnWriteArrayList<>();
            DataSource recording = recording(memory, calls);
            new JdbcTemplate(memory).execute("CREATE TABLE t (v INT)");

            new TransactionTemplate(new DurableTransactions(recording))
                    .executeWithoutResult(status -> new JdbcTemplate(recording).update("INSERT INTO t VALUES (1)"));

            assertThat(calls).contains("commit").doesNotContain("CHECKPOINT SYNC");
        }
    }

    @Test
    void aUserWhoMayNotSyncStillGetsItsCommit() {
        try (HikariDataSource admin = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 1)) {
            JdbcTemplate setup = new JdbcTemplate(admin);
            setup.execute("CREATE TABLE t (v INT)");
            setup.execute("CREATE USER app PASSWORD 'app-password'");
            setup.execute("GRANT SELECT, INSERT ON t TO app");
            // Setting WRITE_DELAY needs an administrator too, so such a user comes with a URL of its own.
            String withoutWriteDelay = Databases.embeddedUrl(dataDir).replace(";WRITE_DELAY=0", "");
            try (HikariDataSource app = Databases.open(withoutWriteDelay, "app", "app-password", 1)) {
                TransactionTemplate transactions = new TransactionTemplate(new DurableTransactions(app));

                transactions.executeWithoutResult(status -> new JdbcTemplate(app).update("INSERT INTO t VALUES (1)"));
                transactions.executeWithoutResult(status -> new JdbcTemplate(app).update("INSERT INTO t VALUES (2)"));
            }
            assertThat(setup.queryForObject("SELECT COUNT(*) FROM t", Integer.class)).isEqualTo(2);
        }
    }

    /** The data source, recording each commit and each statement run with {@code Statement.execute}. */
    private static DataSource recording(DataSource target, List<String> calls) {
        return new DelegatingDataSource(target) {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                Connection connection = super.getConnection();
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("commit")) {
                                calls.add("commit");
                            }
                            Object result = invoke(method, connection, args);
                            if (result instanceof Statement statement && method.getName().equals("createStatement")) {
                                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class},
                                        (statementProxy, statementMethod, statementArgs) -> {
                                            if (statementMethod.getName().equals("execute")) {
                                                calls.add((String) statementArgs[0]);
                                            }
                                            return invoke(statementMethod, statement, statementArgs);
                                        });
                            }
                            return result;
                        });
            }
        };
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
