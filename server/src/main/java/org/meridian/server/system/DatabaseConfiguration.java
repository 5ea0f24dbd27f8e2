package org.meridian.server.system;

import com.zaxxer.hikari.HikariDataSource;
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

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(MeridianProperties properties) {
        return Databases.openMigrated(properties, properties.database().poolSize());
    }
}
