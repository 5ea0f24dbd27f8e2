package org.meridian.server.publishing;

import javax.sql.DataSource;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.catalog.CatalogStorage;
import org.meridian.server.identity.IdentityService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Writing records under the caller's organisation roles. */
@Configuration(proxyBeanMethods = false)
class PublishingConfiguration {

    @Bean
    RecordWrites recordWrites(DataSource dataSource, CatalogStorage storage, IdentityService identity, AuditLog audit) {
        return new RecordWrites(dataSource, storage.store(), storage.indexer(), identity, audit);
    }
}
