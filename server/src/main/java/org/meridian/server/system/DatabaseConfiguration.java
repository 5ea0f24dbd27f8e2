package org.meridian.server.system;

import com.zaxxer.hikari.HikariDataSource;
import org.meridian.server.ops.DataDirectoryLock;
import org.meridian.server.ops.MeridianProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The node's one data source, migrated before any feature uses it. Migration is our own call
 * (not Boot's Flyway auto-configuration) so the node, the command line and the benchmarks migrate
 * exactly the same way.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    /**
     * Taken before the database is opened: one node per data directory, and a new directory is
     * created private to its user before the embedded database creates anything in it.
     */
    @Bean(destroyMethod = "close")
    DataDirectoryLock dataDirectoryLock(MeridianProperties properties) {
        return DataDirectoryLock.acquire(properties.dataDir());
    }

    /** Closed before the lock is released, as it depends on it. */
    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(MeridianProperties properties, DataDirectoryLock lock) {
        return Databases.openMigrated(properties, properties.database().poolSize());
    }
}
