package org.meridian.server.testing;

import org.meridian.server.catalog.SearchConfiguration;
import org.meridian.server.ops.MeridianProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * What an API web slice needs besides its controllers and {@code ProblemResponses}: the shared
 * search beans as production wires them, and the {@link SampleCatalog} in the node's own Lucene index (a temporary one).
 * Tests only read the index, so one context serves every test class that imports this.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(MeridianProperties.class)
@Import({SearchConfiguration.class, IdentityTestConfiguration.class})
public class SampleCatalogConfiguration {

    @Bean
    TemporaryIndex searchIndex() {
        return SampleCatalog.index();
    }
}
