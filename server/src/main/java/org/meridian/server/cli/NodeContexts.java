package org.meridian.server.cli;

import java.util.List;
import org.meridian.server.MeridianApplication;
import org.meridian.server.ops.MeridianProperties;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** Starts Spring contexts for the commands: the full node, or configuration only. */
final class NodeContexts {
    private NodeContexts() {
    }

    /** Starts the node (web server, catalog, indexer) and returns its running context. */
    static ConfigurableApplicationContext startNode(List<String> springArguments) {
        return new SpringApplicationBuilder(MeridianApplication.class)
                .logStartupInfo(false)
                .properties(QUIET_FAILURE_REPORTS)
                .run(springArguments.toArray(String[]::new));
    }

    /**
     * Binds and validates the configuration without starting anything else, for commands that
     * need only settings (ingest, reindex, config show).
     */
    static ConfigurableApplicationContext configurationOnly(List<String> springArguments) {
        return new SpringApplicationBuilder(ConfigurationOnly.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties(QUIET_FAILURE_REPORTS)
                .run(springArguments.toArray(String[]::new));
    }

    /** The command prints one line of its own (StartupFailure); Boot's multi-line report would repeat it. */
    private static final String QUIET_FAILURE_REPORTS = "logging.level.org.springframework.boot.diagnostics=OFF";

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MeridianProperties.class)
    static class ConfigurationOnly {
    }
}
