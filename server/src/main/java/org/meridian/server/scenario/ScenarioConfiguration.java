package org.meridian.server.scenario;

import java.time.Clock;
import javax.sql.DataSource;
import org.meridian.server.audit.AuditLog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Scenario analysis in the node: stored models and private runs. */
@Configuration(proxyBeanMethods = false)
class ScenarioConfiguration {

    @Bean(destroyMethod = "close")
    ScenarioRuns scenarioRuns(DataSource dataSource, AuditLog audit, Clock clock) {
        return new ScenarioRuns(dataSource, audit, clock);
    }
}
