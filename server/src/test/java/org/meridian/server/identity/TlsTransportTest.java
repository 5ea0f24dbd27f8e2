package org.meridian.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A node serving TLS from a certificate made for the test with the JDK's keytool, with plain
 * HTTP redirected from a second port: HSTS on secure answers, secure session cookies, and every
 * plain request sent to the same path over https.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class TlsTransportTest {
    private static final String STORE_PASSWORD = "test-only-keystore-password";

    @TempDir
    static Path directory;
    private static int httpsPort;
    private static int httpPort;

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) throws Exception {
        httpsPort = freePort();
        httpPort = freePort();
        Path keystore = directory.resolve("node.p12");
        createKeystore(keystore);
        registry.add("meridian.data-dir", () -> directory.resolve("data").toString());
        registry.add("server.port", () -> httpsPort);
        registry.add("server.ssl.bundle", () -> "node");
        registry.add("spring.ssl.bundle.jks.node.keystore.location", () -> "file:" + keystore);
        registry.add("spring.ssl.bundle.jks.node.keystore.password", () -> STORE_PASSWORD);
        registry.add("spring.ssl.bundle.jks.node.keystore.type", () -> "PKCS12");
        registry.add("meridian.transport.plain-http", () -> "redirect");
        registry.add("meridian.transport.redirect-port", () -> httpPort);
    }

    private static void createKeystore(Path keystore) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "node",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0 || !Files.exists(keystore)) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A client that trusts exactly the test's certificate. */
    private static HttpClient client() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(directory.resolve("node.p12"))) {
            trusted.load(in, STORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Test
    void secureAnswersCarryHstsAndSecureSessionCookies() throws Exception {
        HttpClient client = client();

        HttpResponse<String> search = client.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + httpsPort + "/api/v1/search?limit=0")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + httpsPort + "/login")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(hsts ->
                assertThat(hsts).contains("max-age=").contains("includeSubDomains"));
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie ->
                assertThat(cookie).startsWith("JSESSIONID=").contains("Secure").contains("HttpOnly")
                        .contains("SameSite=Lax"));
    }

    @Test
    void plainHttpIsRedirectedToTheSamePathOverHttps() throws Exception {
        HttpResponse<String> plain = client().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + httpPort + "/search?query=tas&project=CMIP6")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(plain.statusCode()).isBetween(301, 308);
        assertThat(plain.headers().firstValue("Location"))
                .hasValue("https://localhost:" + httpsPort + "/search?query=tas&project=CMIP6");
        assertThat(plain.headers().firstValue("Strict-Transport-Security")).as("HSTS only over TLS").isEmpty();
    }
}
