package org.meridian.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EffectiveConfigurationTest {
    @Test
    void settingsNamedForASecretAreHiddenAndSettingsAboutSecretsAreShown() {
        assertThat(List.of("spring.ssl.bundle.jks.node.keystore.password", "meridian.database.password",
                "meridian.identity.sso.providers[0].client-secret", "some.api-token", "tls.private-key"))
                .allMatch(EffectiveConfiguration::isSecret);
        assertThat(List.of("meridian.identity.min-password-length", "meridian.identity.max-token-lifetime",
                "meridian.identity.sso.providers[0].client-secret-env", "meridian.identity.setup-link-lifetime"))
                .noneMatch(EffectiveConfiguration::isSecret);
    }

    @Test
    void otherLibrariesSettingsThatMentionASecretAnywhereAreHidden() {
        assertThat(List.of("management.datadog.metrics.export.api-key", "management.datadog.metrics.export.application-key",
                "management.elastic.metrics.export.api-key-credentials", "management.otlp.metrics.export.headers.Authorization",
                "management.otlp.tracing.headers.x-honeycomb-team", "management.otlp.metrics.export.headers",
                "management.otlp.metrics.export.headers[x-honeycomb-team]", "management.otlp.tracing.headers[X-Api-Team]",
                "spring.security.oauth2.client.registration.lab.client-secret", "spring.ssl.bundle.pem.node.keystore.private-key"))
                .allMatch(EffectiveConfiguration::isSecret);
        assertThat(List.of("server.ssl.key-store", "server.ssl.key-alias", "logging.level.org.keycloak", "server.port",
                "management.endpoints.web.exposure.include", "server.forward-headers-strategy"))
                .noneMatch(EffectiveConfiguration::isSecret);
    }

    @Test
    void aValueWithCredentialsWrittenIntoItIsASecretWhateverItsName() {
        assertThat(List.of("jdbc:postgresql://meridian:pw123@db.example.org:5432/meridian",
                "jdbc:postgresql://db.example.org/meridian?user=m&password=urlsecret",
                "jdbc:h2:file:/srv/meridian/db;PASSWORD=x", "jdbc:oracle:thin:scott/tiger@db.example.org:1521/ORCL"))
                .allMatch(EffectiveConfiguration::carriesCredentials);
        assertThat(List.of("jdbc:postgresql://db.example.org:5432/meridian?user=meridian&ssl=true",
                "https://login.example.org/realms/science", "/srv/meridian/data", "jdbc:h2:file:/x;AUTO_SERVER=TRUE"))
                .noneMatch(EffectiveConfiguration::carriesCredentials);
    }

    @Test
    void aSecretIsShownMaskedUnlessEmpty() {
        assertThat(new EffectiveConfiguration.Setting("a.password", "hunter2", true, "env").shownValue()).isEqualTo("******");
        assertThat(new EffectiveConfiguration.Setting("a.password", "", true, "env").shownValue()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"PT1S, 1s", "PT15M, 15m", "PT24H, 1d", "PT8760H, 365d", "PT36H, 36h", "PT1.5S, 1500ms", "PT0S, 0s",
            "PT0.000002S, 2us", "PT0.000000007S, 7ns",
            "PT4800000H, 200000d", "PT-5S, -5s", "PT4800000H0.5S, PT4800000H0.5S"})
    void durationsAreShownAsTheyAreWrittenInTheConfigurationFile(String duration, String shown) {
        assertThat(EffectiveConfiguration.written(Duration.parse(duration))).isEqualTo(shown);
    }
}
