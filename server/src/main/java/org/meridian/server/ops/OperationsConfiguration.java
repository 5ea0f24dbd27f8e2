package org.meridian.server.ops;

import javax.sql.DataSource;
import org.meridian.server.audit.AuditLog;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Operating the node: configuration changes are audited once the node has started. */
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
}
