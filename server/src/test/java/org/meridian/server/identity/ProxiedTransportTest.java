package org.meridian.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.meridian.server.testing.BootedNode;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Behind a proxy that terminates TLS, with plain HTTP refused: the node trusts the proxy's
 * {@code X-Forwarded-Proto}, answers plain requests with a problem, and sends HSTS on the rest.
 * Prometheus metrics, on their own management port here, stay a node administrator's.
 */
@TestPropertySource(properties = {
    "server.forward-headers-strategy=native",
    "meridian.transport.plain-http=refuse",
    "management.server.port=0"})
class ProxiedTransportTest extends BootedNode {
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalManagementPort
    int managementPort;

    private HttpResponse<String> send(String path, String forwardedProto) throws Exception {
        return send(port, path, forwardedProto, null);
    }

    private HttpResponse<String> send(int toPort, String path, String forwardedProto, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + toPort + path));
        if (forwardedProto != null) {
            request.header("X-Forwarded-Proto", forwardedProto);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void plainRequestsAreRefusedWithAProblemAndForwardedTlsIsServedWithHsts() throws Exception {
        HttpResponse<String> plain = send("/api/v1/search?limit=0", null);
        HttpResponse<String> forwardedPlain = send("/search", "http");
        HttpResponse<String> forwardedTls = send("/api/v1/search?limit=0", "https");

        assertThat(plain.statusCode()).isEqualTo(403);
        assertThat(plain.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(plain.body()).contains("\"code\":\"https-required\"");
        assertThat(forwardedPlain.statusCode()).isEqualTo(403);
        assertThat(forwardedTls.statusCode()).isEqualTo(200);
        assertThat(forwardedTls.headers().firstValue("Strict-Transport-Security")).isPresent();
    }

    @Test
    void metricsOnTheManagementPortNeedANodeAdministrator() throws Exception {
        String admin = tokenFor("operator", NodeRole.NODE_ADMIN);
        String reader = tokenFor("reader");

        assertThat(send(managementPort, "/actuator/prometheus", "https", null).statusCode()).isEqualTo(401);
        assertThat(send(managementPort, "/actuator/prometheus", "https", reader).statusCode()).isEqualTo(403);
        assertThat(send(managementPort, "/actuator/prometheus", "https", admin).statusCode()).isEqualTo(200);
        assertThat(send(managementPort, "/actuator/prometheus", null, admin).statusCode())
                .as("plain HTTP is refused on the management port too").isEqualTo(403);
        assertThat(send(managementPort, "/actuator/health", "https", null).statusCode()).isEqualTo(200);
        assertThat(send(port, "/actuator/prometheus", "https", admin).statusCode())
                .as("the application port no longer serves actuator").isEqualTo(404);
    }
}
