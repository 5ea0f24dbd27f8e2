package org.meridian.server;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Meridian node. Started by {@code meridian serve} or {@code meridian demo}, never directly. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MeridianApplication {
}
