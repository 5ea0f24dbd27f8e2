package org.meridian.server.cli;

import java.util.List;
import java.util.Map;
import org.meridian.server.MeridianApplication;
import org.meridian.server.ops.MeridianProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;

/** Starts Spring contexts for the commands: the full node, or configuration only. */
final class NodeContexts {
    private NodeContexts() {
    }

    /** Starts the node (web server, catalog, indexer) and returns its running context. */
    static ConfigurableApplicationContext startNode(List<String> springArguments) {
        quietBeforeLoggingStarts();
        return new SpringApplicationBuilder(MeridianApplication.class)
                .logStartupInfo(false)
                .properties(failureReports())
                .run(springArguments.toArray(String[]::new));
    }

    /**
     * Binds and validates the configuration without starting anything else, for commands that
     * need only settings (ingest, reindex, config show).
     */
    static ConfigurableApplicationContext configurationOnly(List<String> springArguments) {
        quietBeforeLoggingStarts();
        return new SpringApplicationBuilder(ConfigurationOnly.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties(failureReports())
                .run(springArguments.toArray(String[]::new));
    }

    /**
     * The command prints one line of its own (StartupFailure) on standard error; Boot's failure
     * analysis, its "Application run failed" stack trace and the context's "cancelling refresh"
     * warning would repeat it in 2 to 110 lines on standard output. An operator who wants them
     * (and the stack trace) sets {@code MERIDIAN_DEBUG}.
     */
    private static final Map<String, Object> QUIET_FAILURE_REPORTS = Map.of(
            "logging.level.org.springframework.boot.diagnostics", "OFF",
            "logging.level." + SpringApplication.class.getName(), "OFF",
            "logging.level." + AnnotationConfigServletWebServerApplicationContext.class.getName(), "ERROR",
            "logging.level." + AnnotationConfigApplicationContext.class.getName(), "ERROR");

    /**
     * Applies the quiet levels before Spring configures logging too: a failure that early (while the
     * configuration is read) is logged by Logback's fallback console configuration.
     */
    private static Map<String, Object> failureReports() {
        return MeridianCommand.debugging() ? Map.of() : QUIET_FAILURE_REPORTS;
    }

    private static void quietBeforeLoggingStarts() {
        if (MeridianCommand.debugging()) {
            return;
        }
        LoggingSystem logging = LoggingSystem.get(NodeContexts.class.getClassLoader());
        QUIET_FAILURE_REPORTS.forEach((property, level) -> logging.setLogLevel(
                property.substring("logging.level.".length()), LogLevel.valueOf(level.toString())));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MeridianProperties.class)
    static class ConfigurationOnly {
    }
}
