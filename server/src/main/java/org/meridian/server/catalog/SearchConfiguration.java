package org.meridian.server.catalog;

import java.time.Clock;
import java.util.Set;
import org.meridian.catalog.FacetProfile;
import org.meridian.catalog.search.SearchParameters;
import org.meridian.server.ops.MeridianProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain-Java search pieces every API shares. */
@Configuration(proxyBeanMethods = false)
public class SearchConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    FacetProfile facetProfile(MeridianProperties properties) {
        return new FacetProfile(properties.search().facets());
    }

    /** ESGF's adapter parameters, skipped by the shared parser because the ESGF API answers them. */
    @Bean
    SearchParameters searchParameters(FacetProfile facetProfile, Clock clock) {
        return new SearchParameters(facetProfile, Set.of("format", "distrib", "shards"), clock);
    }
}
