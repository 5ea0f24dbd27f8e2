package org.meridian.server.ops;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The address of this node's web server as seen from the machine it runs on, for links handed out
 * where there is no request to take the address from (a setup link made at the command line),
 * when {@code meridian.node.public-url} is not configured.
 */
public final class NodeAddress {
    private NodeAddress() {
    }

    /**
     * {@code http[s]://<host>:<port><context path>}: https when TLS is configured, the bound
     * address when the server listens on one address other than loopback, else localhost.
     */
    public static String local(Environment environment, int port) {
        String address = environment.getProperty("server.address", "").strip();
        // Every address, or loopback (the demo binds 127.0.0.1): localhost, as the node's own
        // messages write it, so a link and the pages it leads to share one origin and its session.
        boolean local = address.isEmpty() || address.equals("0.0.0.0") || address.equals("::")
                || address.startsWith("127.") || address.equals("::1");
        String host = local ? "localhost" : address.contains(":") ? "[" + address + "]" : address;
        String contextPath = environment.getProperty("server.servlet.context-path", "").replaceAll("/+$", "");
        return (tlsConfigured(environment) ? "https" : "http") + "://" + host + ":" + port + contextPath;
    }

    /** Whether the web server serves TLS: enabled (the default) and given a key. */
    public static boolean tlsConfigured(Environment environment) {
        boolean enabled = Binder.get(environment).bind("server.ssl.enabled", Boolean.class).orElse(true);
        boolean material = environment.containsProperty("server.ssl.bundle")
                || environment.containsProperty("server.ssl.key-store")
                || environment.containsProperty("server.ssl.certificate");
        return enabled && material;
    }
}
