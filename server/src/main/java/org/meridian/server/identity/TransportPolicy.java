package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.catalina.connector.Connector;
import org.meridian.server.ops.InvalidSetting;
import org.meridian.server.ops.MeridianProperties;
import org.meridian.server.ops.NodeAddress;
import org.meridian.server.system.ProblemResponses;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.PortMapper;
import org.springframework.security.web.PortMapperImpl;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What a request that did not arrive over TLS gets ({@code meridian.transport.plain-http}), and
 * the checks that make that setting safe to rely on.
 *
 * <p>"Over TLS" is the servlet request's {@code isSecure()}: true on the node's own TLS port
 * ({@code server.ssl.*}), and behind a proxy that terminates TLS when the node trusts its
 * {@code X-Forwarded-Proto} ({@code server.forward-headers-strategy}). A policy other than
 * {@code allow} with neither would turn every request away, so the node refuses to start with
 * it. HSTS needs nothing here: Spring Security sends it on every secure response.
 */
final class TransportPolicy {
    private static final String PLAIN_HTTP = "meridian.transport.plain-http";
    private static final String REDIRECT_PORT = "meridian.transport.redirect-port";

    private final MeridianProperties.Transport transport;
    private final int serverPort;

    private TransportPolicy(MeridianProperties.Transport transport, int serverPort) {
        this.transport = transport;
        this.serverPort = serverPort;
    }

    /** The policy, checked against the server's TLS and proxy settings. */
    static TransportPolicy of(MeridianProperties.Transport transport, Environment environment) {
        requireNonNull(transport, "transport is null");
        boolean tls = NodeAddress.tlsConfigured(environment);
        String forwarded = environment.getProperty("server.forward-headers-strategy", "none").toLowerCase(Locale.ROOT);
        boolean proxied = forwarded.equals("native") || forwarded.equals("framework");
        int serverPort = typed(environment, "server.port", Integer.class, 8080);
        if (transport.plainHttp() != MeridianProperties.PlainHttp.ALLOW && !tls && !proxied) {
            throw new InvalidSetting(PLAIN_HTTP, "'" + label(transport.plainHttp()) + "' would turn every request away:"
                    + " configure TLS (server.ssl.*) or a TLS-terminating proxy (server.forward-headers-strategy: native)");
        }
        if (transport.redirectPort() != 0) {
            if (!tls) {
                throw new InvalidSetting(REDIRECT_PORT, "redirects to this node's TLS port, which needs server.ssl.*");
            }
            if (transport.plainHttp() != MeridianProperties.PlainHttp.REDIRECT) {
                throw new InvalidSetting(REDIRECT_PORT, "only redirects, so it needs " + PLAIN_HTTP + ": redirect");
            }
            if (transport.redirectPort() == serverPort) {
                throw new InvalidSetting(REDIRECT_PORT, "must differ from server.port (" + serverPort + ")");
            }
        }
        return new TransportPolicy(transport, serverPort);
    }

    /** The extra plain-HTTP port that only redirects; 0 for none. */
    int redirectPort() {
        return transport.redirectPort();
    }

    /**
     * The plain-HTTP listener on the redirect port: Tomcat marks its requests insecure, so the
     * redirect rule sends each to the same path on the TLS port.
     */
    Connector redirectConnector() {
        Connector connector = new Connector(TomcatWebServerFactory.DEFAULT_PROTOCOL);
        connector.setScheme("http");
        connector.setSecure(false);
        connector.setPort(transport.redirectPort());
        connector.setRedirectPort(serverPort);
        return connector;
    }

    void applyTo(HttpSecurity http) {
        switch (transport.plainHttp()) {
            case ALLOW -> {
            }
            case REDIRECT -> {
                http.setSharedObject(PortMapper.class, portMapper());
                http.redirectToHttps(https -> https.requestMatchers(request -> !request.isSecure()));
            }
            case REFUSE -> http.addFilterBefore(new PlainHttpRefusal(), SecurityContextHolderFilter.class);
        }
    }

    private PortMapper portMapper() {
        PortMapperImpl mapper = new PortMapperImpl();
        // The defaults (80→443, 8080→8443) cover a proxy on standard ports; the redirect port
        // leads to this node's own TLS port.
        Map<String, String> mappings = new HashMap<>(Map.of("80", "443", "8080", "8443"));
        if (transport.redirectPort() != 0) {
            mappings.put(Integer.toString(transport.redirectPort()), Integer.toString(serverPort));
        }
        mapper.setPortMappings(mappings);
        return mapper;
    }

    private static String label(MeridianProperties.PlainHttp plainHttp) {
        return plainHttp.name().toLowerCase(Locale.ROOT);
    }

    /** Answers every plain-HTTP request with a problem instead of serving it. */
    private static final class PlainHttpRefusal extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.isSecure()) {
                chain.doFilter(request, response);
                return;
            }
            ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, "https-required", "HTTPS required",
                    "This node accepts requests over HTTPS only; use https:// with the same address.");
        }
    }

    /**
     * A Spring Boot setting read before Boot binds it itself: bound, not merely converted, so a
     * value of the wrong type fails naming the setting and the file and line it came from.
     */
    private static <T> T typed(Environment environment, String name, Class<T> type, T fallback) {
        return Binder.get(environment).bind(name, type).orElse(fallback);
    }
}
