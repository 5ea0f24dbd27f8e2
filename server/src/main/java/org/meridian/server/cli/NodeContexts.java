package org.meridian.server.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.meridian.server.MeridianApplication;
import org.meridian.server.ops.MeridianProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Starts Spring contexts for the commands: the full node, or configuration only. */
final class NodeContexts {
    private NodeContexts() {
    }

    /** Starts the node (web server, catalog, indexer) and returns its running context. */
    static ConfigurableApplicationContext startNode(List<String> springArguments) {
        return quietWhileStarting(new SpringApplicationBuilder(MeridianApplication.class), springArguments);
    }

    /**
     * Binds and validates the configuration without starting anything else, for commands that
     * need only settings (ingest, reindex, config show).
     */
    static ConfigurableApplicationContext configurationOnly(List<String> springArguments) {
        return quietWhileStarting(new SpringApplicationBuilder(ConfigurationOnly.class).web(WebApplicationType.NONE),
                springArguments);
    }

    /**
     * The command prints one line of its own (StartupFailure) on standard error; Boot's failure
     * analysis, its "Application run failed" stack trace and the context's "cancelling refresh"
     * warning would repeat it in 2 to 110 lines on standard output. An operator who wants them
     * (and the stack trace) sets {@code MERIDIAN_DEBUG}.
     */
    private static final Map<String, LogLevel> QUIET_FAILURE_REPORTS = Map.of(
            "org.springframework.boot.diagnostics", LogLevel.OFF,
            SpringApplication.class.getName(), LogLevel.OFF,
            AnnotationConfigServletWebServerApplicationContext.class.getName(), LogLevel.ERROR,
            AnnotationConfigApplicationContext.class.getName(), LogLevel.ERROR);

    /**
     * Runs the application with the failure reports quiet, from before Spring configures logging
     * (a failure that early is logged by Logback's fallback console configuration) to its start;
     * a started node gets them back, so warnings of a running or stopping node are seen.
     */
    private static ConfigurableApplicationContext quietWhileStarting(SpringApplicationBuilder application,
            List<String> springArguments) {
        AtomicReference<Environment> environment = new AtomicReference<>();
        application.listeners(event -> {
            if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
                environment.set(prepared.getEnvironment());
            }
        });
        try {
            return quietWhileStarting(application.logStartupInfo(false), springArguments.toArray(String[]::new));
        } catch (RuntimeException failure) {
            throw StartupFailure.withOrigins(failure, environment.get());
        }
    }

    private static ConfigurableApplicationContext quietWhileStarting(SpringApplicationBuilder application,
            String[] springArguments) {
        if (MeridianCommand.debugging()) {
            return application.run(springArguments);
        }
        LoggingSystem logging = LoggingSystem.get(NodeContexts.class.getClassLoader());
        QUIET_FAILURE_REPORTS.forEach(logging::setLogLevel);
        Map<String, Object> levels = new HashMap<>();
        QUIET_FAILURE_REPORTS.forEach((logger, level) -> levels.put("logging.level." + logger, level.name()));
        ConfigurableApplicationContext context = application.properties(levels).run(springArguments);
        // Null: the logger inherits its level again (WARN from the root, as configured).
        QUIET_FAILURE_REPORTS.keySet().forEach(logger -> logging.setLogLevel(logger, null));
        return context;
    }

    /**
     * A command working on the catalog directly (ingest, reindex, admin) prints its own progress
     * and result; the node's informational messages (an index rebuilt, a batch applied) would only
     * interleave with them on standard output. Warnings still show; MERIDIAN_DEBUG keeps everything.
     *
     * @return what puts the level back, run when the command is done with the catalog
     */
    static Runnable quietNodeMessages() {
        if (MeridianCommand.debugging()) {
            return () -> {
            };
        }
        LoggingSystem logging = LoggingSystem.get(NodeContexts.class.getClassLoader());
        LoggerConfiguration before = logging.getLoggerConfiguration(NODE_LOGGERS);
        LogLevel configured = before == null ? null : before.getConfiguredLevel();
        logging.setLogLevel(NODE_LOGGERS, LogLevel.WARN);
        // Restores the level for what runs in this process afterwards (tests run commands in theirs).
        return () -> logging.setLogLevel(NODE_LOGGERS, configured);
    }

    private static final String NODE_LOGGERS = "org.meridian";

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MeridianProperties.class)
    static class ConfigurationOnly {
    }
}
