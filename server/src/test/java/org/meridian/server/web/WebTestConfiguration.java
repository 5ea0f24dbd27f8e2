package org.meridian.server.web;

import org.meridian.server.catalog.SearchConfiguration;
import org.meridian.server.ops.MeridianProperties;
import org.meridian.server.testing.IdentityTestConfiguration;
import org.meridian.server.testing.TemporaryIndex;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** What the web slice needs besides the controllers: the shared search beans and the sample catalog. */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(MeridianProperties.class)
@Import({SearchConfiguration.class, IdentityTestConfiguration.class})
class WebTestConfiguration {

    @Bean
    TemporaryIndex searchIndex() {
        return SampleCatalog.index();
    }
}
