package org.meridian.server.ops;

import javax.sql.DataSource;
import org.meridian.server.audit.AuditLog;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Operating the node: configuration changes are audited once the node has started, and where it
 * answers is recorded for the commands beside it.
 */
@Configuration(proxyBeanMethods = false)
class OperationsConfiguration {

    @Bean
    ConfigurationChanges configurationChanges(DataSource dataSource, AuditLog audit) {
        return new ConfigurationChanges(dataSource, audit);
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> configurationAudit(ConfigurationChanges changes,
            MeridianProperties properties, Environment environment) {
        return ready -> changes.record(EffectiveConfiguration.of(properties, environment));
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
