package org.meridian.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.meridian.server.ops.InvalidSetting;
import org.meridian.server.ops.MeridianProperties;
import org.meridian.server.ops.MeridianProperties.PlainHttp;
import org.springframework.mock.env.MockEnvironment;

/** Settings that would turn every request away, or redirect nowhere, stop the node at start. */
class TransportPolicyTest {
    private static MeridianProperties.Transport transport(PlainHttp plainHttp, int redirectPort) {
        return new MeridianProperties.Transport(plainHttp, redirectPort);
    }

    private static MockEnvironment withTls() {
        return new MockEnvironment().withProperty("server.ssl.bundle", "node").withProperty("server.port", "8443");
    }

    @Test
    void refusingOrRedirectingPlainHttpNeedsTlsOrATrustedProxy() {
        for (PlainHttp policy : new PlainHttp[] {PlainHttp.REDIRECT, PlainHttp.REFUSE}) {
            assertThatThrownBy(() -> TransportPolicy.of(transport(policy, 0), new MockEnvironment()))
                    .isInstanceOfSatisfying(InvalidSetting.class, invalid ->
                            assertThat(invalid.parameter()).isEqualTo("meridian.transport.plain-http"))
                    .hasMessageContaining("server.ssl");
        }
        assertThat(TransportPolicy.of(transport(PlainHttp.REFUSE, 0), withTls())).isNotNull();
        assertThat(TransportPolicy.of(transport(PlainHttp.REFUSE, 0),
                new MockEnvironment().withProperty("server.forward-headers-strategy", "NATIVE"))).isNotNull();
        assertThatThrownBy(() -> TransportPolicy.of(transport(PlainHttp.REFUSE, 0),
                withTls().withProperty("server.ssl.enabled", "false")))
                .as("TLS material that is switched off is no TLS").isInstanceOf(InvalidSetting.class);
    }

    @Test
    void theRedirectPortNeedsTlsTheRedirectPolicyAndAPortOfItsOwn() {
        assertThatThrownBy(() -> TransportPolicy.of(transport(PlainHttp.REDIRECT, 8080),
                new MockEnvironment().withProperty("server.forward-headers-strategy", "native")))
                .hasMessageStartingWith("meridian.transport.redirect-port: ").hasMessageContaining("server.ssl");
        assertThatThrownBy(() -> TransportPolicy.of(transport(PlainHttp.ALLOW, 8080), withTls()))
                .hasMessageStartingWith("meridian.transport.redirect-port: ").hasMessageContaining("plain-http: redirect");
        assertThatThrownBy(() -> TransportPolicy.of(transport(PlainHttp.REDIRECT, 8443), withTls()))
                .hasMessageStartingWith("meridian.transport.redirect-port: ").hasMessageContaining("server.port");
        assertThat(TransportPolicy.of(transport(PlainHttp.REDIRECT, 8080), withTls()).redirectPort()).isEqualTo(8080);
    }
}
