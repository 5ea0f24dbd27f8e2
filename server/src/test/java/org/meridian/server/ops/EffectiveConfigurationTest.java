package org.meridian.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

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
    void aSecretIsShownMaskedUnlessEmpty() {
        assertThat(new EffectiveConfiguration.Setting("a.password", "hunter2", true, "env").shownValue()).isEqualTo("******");
        assertThat(new EffectiveConfiguration.Setting("a.password", "", true, "env").shownValue()).isEmpty();
    }
}
