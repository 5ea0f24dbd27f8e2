package org.meridian.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.env.MockEnvironment;

class NodeAddressTest {
    @ParameterizedTest
    @CsvSource(delimiter = ';', nullValues = "-", textBlock = """
            -           ; -                           ; -          ; http://localhost:8080
            127.0.0.1   ; -                           ; -          ; http://localhost:8080
            0.0.0.0     ; -                           ; -          ; http://localhost:8080
            192.0.2.7   ; -                           ; -          ; http://192.0.2.7:8080
            2001:db8::7 ; -                           ; -          ; http://[2001:db8::7]:8080
            -           ; server.ssl.bundle=node      ; -          ; https://localhost:8080
            -           ; server.ssl.enabled=false    ; -          ; http://localhost:8080
            -           ; -                           ; /meridian/ ; http://localhost:8080/meridian
            """)
    void isWhereThisMachineReachesTheWebServer(String address, String ssl, String contextPath, String expected) {
        MockEnvironment environment = new MockEnvironment();
        if (address != null) {
            environment.setProperty("server.address", address);
        }
        if (ssl != null) {
            environment.setProperty("server.ssl.bundle", "node");
            environment.setProperty(ssl.substring(0, ssl.indexOf('=')), ssl.substring(ssl.indexOf('=') + 1));
        }
        if (contextPath != null) {
            environment.setProperty("server.servlet.context-path", contextPath);
        }

        assertThat(NodeAddress.local(environment, 8080)).isEqualTo(expected);
    }
}
