package org.meridian.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnknownVariablesTest {
    private static final EffectiveConfiguration EFFECTIVE = EffectiveConfiguration.of(List.of(
            setting("meridian.data-dir", "data"),
            setting("meridian.indexer.batch-size", "5000"),
            setting("meridian.search.facets", "project,experiment_id"),
            setting("meridian.database.password-env", "MERIDIAN_DATABASE_PASSWORD"),
            setting("meridian.identity.sso.providers[0].client-secret-env", "MERIDIAN_SSO_CAMPUS_SECRET"),
            setting("meridian.identity.sso.providers[0].group-mappings[0].role", "publisher"),
            setting("server.port", "8080")));

    private static EffectiveConfiguration.Setting setting(String name, String value) {
        return new EffectiveConfiguration.Setting(name, value, false, SettingOrigins.BUILT_IN);
    }

    @Test
    void everyWaySpringBindsAVariableToASettingIsKnown() {
        assertThat(UnknownVariables.among(Set.of("MERIDIAN_DATA_DIR", "MERIDIAN_DATADIR", "MERIDIAN_INDEXER_BATCH_SIZE",
                "MERIDIAN_INDEXER_BATCHSIZE", "MERIDIAN_SEARCH_FACETS", "MERIDIAN_SEARCH_FACETS_3",
                "MERIDIAN_IDENTITY_SSO_PROVIDERS_0_GROUP_MAPPINGS_0_ROLE", "MERIDIAN_IDENTITY_SSO_PROVIDERS_0_GROUPMAPPINGS_0_ROLE"),
                EFFECTIVE)).isEmpty();
    }

    @Test
    void variablesASettingPointsAtAndTheLaunchersOwnAreKnown() {
        assertThat(UnknownVariables.among(Set.of("MERIDIAN_DATABASE_PASSWORD", "MERIDIAN_SSO_CAMPUS_SECRET",
                "MERIDIAN_DEBUG", "MERIDIAN_JAVA_OPTS"), EFFECTIVE)).isEmpty();
    }

    @Test
    void aMisspeltSettingIsReportedAndOtherVariablesAreNotMeridians() {
        assertThat(UnknownVariables.among(Set.of("MERIDIAN_INDEXR_BATCH_SIZE", "MERIDIAN_DATA_DIRECTORY",
                "MERIDIAN_SERVER_PORT", "SERVER_PORT", "HOME", "MERIDIAN_INDEXER_BATCH__SIZE"), EFFECTIVE))
                .containsExactly("MERIDIAN_DATA_DIRECTORY", "MERIDIAN_INDEXER_BATCH__SIZE", "MERIDIAN_INDEXR_BATCH_SIZE",
                        "MERIDIAN_SERVER_PORT");
    }
}
