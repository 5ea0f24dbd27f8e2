package org.meridian.server.cli;

import java.util.concurrent.CountDownLatch;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/** Keeps a command alive while its node serves, until the process is asked to stop. */
final class NodeRun {
    private NodeRun() {
    }

    /** Blocks until the context closes (Ctrl-C or SIGTERM run Spring's shutdown hook). */
    static void awaitShutdown(ConfigurableApplicationContext context) {
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        if (!context.isActive()) {
            return;
        }
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether the JVM is stopping (Ctrl-C, SIGTERM). Work still running on the main thread then
     * fails as the node's database closes under it; such a failure is the stop, not an error.
     */
    static boolean stopping() {
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

    /** The port the web server actually listens on (0 in the configuration means any free port). */
    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "8080"));
    }
}
