package org.meridian.server.ops;

import javax.sql.DataSource;
import org.meridian.server.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Operating the node: configuration changes are audited once the node has started, and where it
 * answers is recorded for the commands beside it.
 */
@Configuration(proxyBeanMethods = false)
class OperationsConfiguration {
    private static final Logger log = LoggerFactory.getLogger(OperationsConfiguration.class);

    @Bean
    ConfigurationChanges configurationChanges(DataSource dataSource, AuditLog audit) {
        return new ConfigurationChanges(dataSource, audit);
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> configurationAudit(ConfigurationChanges changes,
            MeridianProperties properties, ConfigurableEnvironment environment) {
        return ready -> {
            EffectiveConfiguration effective = EffectiveConfiguration.of(properties, environment);
            changes.record(effective);
            UnknownVariables.among(environment.getSystemEnvironment().keySet(), effective).forEach(variable ->
                    log.warn("Environment variable {} names no Meridian setting and is ignored"
                            + " (`meridian config show` lists the settings there are)", variable));
        };
    }

    /**
     * Once the web server listens (on a port chosen at start, too), records its address in the data
     * directory's lock, where {@code meridian admin} beside the node reads it for setup links.
     */
    @Bean
    ApplicationListener<WebServerInitializedEvent> addressRecorder(DataDirectoryLock lock, Environment environment) {
        return initialized -> {
            // The management server, when on a port of its own, has a namespace; people use the main one.
            if (initialized.getApplicationContext().getServerNamespace() == null) {
                lock.recordAddress(NodeAddress.local(environment, initialized.getWebServer().getPort()));
            }
        };
    }
}
