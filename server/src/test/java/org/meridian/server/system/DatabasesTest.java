package org.meridian.server.system;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

class DatabasesTest {
    @TempDir
    Path dataDir;

    @Test
    void anUpgradeAKillStoppedMidwayIsNamedWithWhatToDo() {
        try (HikariDataSource dataSource = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 2)) {
            Databases.migrate(dataSource);
            // What Flyway records on H2 when a migration's statements stop partway: each one that
            // ran is committed, and the migration is marked failed.
            new JdbcTemplate(dataSource).update(
                    "UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '4'");

            assertThatThrownBy(() -> Databases.migrate(dataSource)).isExactlyInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("the database's upgrade to version 4 (scenarios) did not finish:")
                    .hasMessageContaining("restore the data directory from a copy taken before the upgrade");
        }
    }
}
