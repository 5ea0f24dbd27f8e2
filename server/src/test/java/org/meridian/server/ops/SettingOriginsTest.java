package org.meridian.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Origins as a started Spring application records them, in an operator's words. */
class SettingOriginsTest {
    @TempDir
    Path directory;

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }

    private ConfigurableApplicationContext start(Map<String, Object> variables, String... arguments) {
        SpringApplication application = new SpringApplication(Empty.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setEnvironment(new StandardEnvironment() {
            @Override
            protected void customizePropertySources(org.springframework.core.env.MutablePropertySources sources) {
                sources.addLast(new SystemEnvironmentPropertySource(SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
            }
        });
        return application.run(arguments);
    }

    @Test
    void aFileValueIsItsPathLineAndColumn() throws IOException {
        Path file = Files.writeString(directory.resolve("meridian.yaml"), "server:\n  port: 9000\n");

        try (var context = start(Map.of(), "--spring.config.location=classpath:/application.yaml,file:" + file)) {
            assertThat(SettingOrigins.of(context.getEnvironment(), "server.port")).isEqualTo(file + ":2:9");
            assertThat(SettingOrigins.of(context.getEnvironment(), "meridian.node.hostname")).isEqualTo("built-in default");
        }
    }

    @Test
    void aVariableIsNamedAndTheCommandLineSaidSo() {
        try (var context = start(Map.of("SERVER_PORT", "9001"), "--management.server.port=9002")) {
            assertThat(SettingOrigins.of(context.getEnvironment(), "server.port")).isEqualTo("environment variable SERVER_PORT");
            assertThat(SettingOrigins.of(context.getEnvironment(), "management.server.port")).isEqualTo("command line");
        }
    }
}
