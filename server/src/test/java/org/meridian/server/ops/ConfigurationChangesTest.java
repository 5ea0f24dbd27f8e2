package org.meridian.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.server.audit.AuditEvent;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.audit.AuditQuery;
import org.meridian.server.ops.EffectiveConfiguration.Setting;
import org.meridian.server.system.Databases;

/** Each start's configuration is compared with the last one, and the difference audited. */
class ConfigurationChangesTest {
    @TempDir
    Path dataDir;
    private HikariDataSource dataSource;
    private AuditLog audit;
    private ConfigurationChanges changes;

    @BeforeEach
    void openDatabase() {
        dataSource = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 2);
        Databases.migrate(dataSource);
        audit = new AuditLog(dataSource, Clock.systemUTC());
        changes = new ConfigurationChanges(dataSource, audit);
    }

    @AfterEach
    void closeDatabase() {
        dataSource.close();
    }

    private static EffectiveConfiguration configuration(String plainHttp, String dbPassword, String issuer) {
        List<Setting> settings = new ArrayList<>(List.of(
                new Setting("meridian.transport.plain-http", plainHttp, false, "meridian.yaml:3:17"),
                new Setting("meridian.database.password", dbPassword, true, "MERIDIAN_DATABASE_PASSWORD")));
        if (issuer != null) {
            settings.add(new Setting("meridian.identity.sso.trusted-issuers", issuer, false, "meridian.yaml:9:7"));
        }
        return EffectiveConfiguration.of(settings);
    }

    private List<AuditEvent> events() {
        return audit.find(AuditQuery.newest(AuditQuery.MAX_LIMIT)).reversed();
    }

    @Test
    void theFirstStartIsTheBaselineAndAnUnchangedRestartRecordsNothing() {
        assertThat(changes.record(configuration("allow", "s3cret-value", null))).isEqualTo(2);
        assertThat(changes.record(configuration("allow", "s3cret-value", null))).isZero();

        assertThat(events()).singleElement().satisfies(event -> {
            assertThat(event.entry().action()).isEqualTo("config.baseline");
            assertThat(event.entry().details()).containsEntry("meridian.transport.plain-http",
                    "allow (meridian.yaml:3:17)");
        });
    }

    @Test
    void aChangedAddedOrRemovedSettingIsAuditedWithItsOriginAndSecretsNeverAppear() {
        changes.record(configuration("refuse", "s3cret-value", "https://old.example.org"));

        int changed = changes.record(configuration("allow", "rotated-s3cret", null));

        assertThat(changed).isEqualTo(3);
        AuditEvent change = events().getLast();
        assertThat(change.entry().action()).isEqualTo("config.change");
        assertThat(change.entry().details())
                .containsEntry("meridian.transport.plain-http", "refuse → allow (meridian.yaml:3:17)")
                .containsEntry("meridian.database.password", "****** → ******")
                .containsEntry("meridian.identity.sso.trusted-issuers", "(no longer set)");
        assertThat(events()).allSatisfy(event -> assertThat(event.entry().details().toString())
                .doesNotContain("s3cret"));
        assertThat(audit.verify().isIntact()).isTrue();
    }
}
