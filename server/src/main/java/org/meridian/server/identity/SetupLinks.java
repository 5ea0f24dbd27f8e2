package org.meridian.server.identity;

/** Where a one-time setup link points, for every place that hands one out (command line, admin pages). */
public final class SetupLinks {
    private SetupLinks() {
    }

    /**
     * The link a new user follows to choose a password: the node's public address (as people reach
     * it, not as this process sees the request) and the link's secret.
     */
    public static String address(String publicUrl, String secret) {
        return publicUrl.replaceAll("/+$", "") + "/setup?secret=" + secret;
    }
}
