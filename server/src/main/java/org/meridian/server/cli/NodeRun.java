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

    /** The port the web server actually listens on (0 in the configuration means any free port). */
    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "8080"));
    }
}
