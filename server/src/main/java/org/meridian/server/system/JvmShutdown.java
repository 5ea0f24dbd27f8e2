package org.meridian.server.system;

/**
 * Whether the JVM is stopping (Ctrl-C, SIGTERM). The embedded database closes itself in its own
 * shutdown hook, which runs alongside the node's, so work still under way then fails on a closed
 * database; such a failure is the stop, not a fault. The log replays whatever it interrupted on
 * the next start.
 */
public final class JvmShutdown {
    private JvmShutdown() {
    }

    public static boolean inProgress() {
        // The JVM refuses new shutdown hooks once shutdown has begun, and says nothing else about it.
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
