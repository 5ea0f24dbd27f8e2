package org.meridian.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.meridian.server.ops.EnvironmentVariables;
import org.meridian.server.ops.InvalidSetting;
import org.meridian.server.ops.MeridianProperties;

class IdentityProviderRegistrationsTest {
    private static final EnvironmentVariables SECRET_SET = name -> Optional.of("a-secret");

    @Test
    void aMissingSecretVariableStopsTheStartNamingTheParameter() {
        MeridianProperties.SingleSignOn sso = singleSignOn(URI.create("https://login.uni.example/realms/research"));

        assertThatThrownBy(() -> new IdentityProviderRegistrations(sso, name -> Optional.empty()))
                .isInstanceOf(InvalidSetting.class)
                .hasMessage("meridian.identity.sso.providers[0].client-secret-env: environment variable"
                        + " MERIDIAN_SSO_UNI_SECRET is not set; it must hold the client secret for identity provider 'uni'");
    }

    @Test
    void aProviderThatIsDownDoesNotStopTheStartAndIsAskedAgainAtEachSignIn() throws IOException {
        URI nobodyListens;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobodyListens = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/realms/research");
        }

        IdentityProviderRegistrations registrations = new IdentityProviderRegistrations(singleSignOn(nobodyListens),
                SECRET_SET);

        assertThatThrownBy(() -> registrations.findByRegistrationId("uni"))
                .isInstanceOf(IdentityProviderRegistrations.ProviderUnavailable.class)
                .hasMessageStartingWith("identity provider 'uni' is unavailable");
        assertThatThrownBy(() -> registrations.findByRegistrationId("uni"))
                .isInstanceOf(IdentityProviderRegistrations.ProviderUnavailable.class);
        assertThat(registrations.findByRegistrationId("not-configured")).isNull();
    }

    private static MeridianProperties.SingleSignOn singleSignOn(URI issuer) {
        return new MeridianProperties.SingleSignOn(List.of(issuer), List.of(new MeridianProperties.IdentityProvider(
                "uni", "University", issuer, "meridian", "MERIDIAN_SSO_UNI_SECRET", "groups",
                List.of(new MeridianProperties.GroupMapping("climate-publishers", "ipsl", OrgRole.PUBLISHER)))));
    }
}
