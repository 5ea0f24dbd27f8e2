package org.meridian.server.testing;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import org.meridian.server.identity.SecurityConfiguration;
import org.meridian.server.system.Databases;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The node's real security chain for web-slice tests, over a private in-memory database, so
 * slices are authorised exactly as the node is.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(SecurityConfiguration.class)
public class IdentityTestConfiguration {

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource() {
        HikariDataSource dataSource = Databases.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa",
                "", 4);
        Databases.migrate(dataSource);
        return dataSource;
    }
}
