package org.meridian.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.server.ops.MeridianProperties;
import org.springframework.context.ConfigurableApplicationContext;

/** Which files a command reads, and which wins, checked through the configuration Spring binds. */
class ConfigurationFilesTest {
    @TempDir
    Path workingDirectory;

    private void write(String file, String hostname) throws IOException {
        Path path = workingDirectory.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, "meridian:\n  node:\n    hostname: " + hostname + "\n");
    }

    private String hostname(String... options) {
        ConfigurationOptions configuration = new ConfigurationOptions();
        for (int i = 0; i < options.length; i += 2) {
            switch (options[i]) {
                case "--config" -> configuration.config = workingDirectory.resolve(options[i + 1]);
                case "--environment" -> configuration.environment = options[i + 1];
                default -> throw new IllegalArgumentException(options[i]);
            }
        }
        try (ConfigurableApplicationContext context = NodeContexts.configurationOnly(
                configuration.springArguments(Map.of(), workingDirectory))) {
            return context.getBean(MeridianProperties.class).node().hostname();
        }
    }

    @Test
    void withNoFilesTheBuiltInDefaultHolds() {
        assertThat(hostname()).isEqualTo("localhost");
    }

    @Test
    void meridianYamlInTheWorkingDirectoryIsReadAndConfigDirectoryWins() throws IOException {
        write("meridian.yaml", "working.example.org");
        assertThat(hostname()).isEqualTo("working.example.org");

        write("config/meridian.yaml", "config-dir.example.org");
        assertThat(hostname()).isEqualTo("config-dir.example.org");
    }

    @Test
    void aStrayApplicationYamlIsNotRead() throws IOException {
        write("application.yaml", "stray.example.org");
        write("config/application.yaml", "stray.example.org");

        assertThat(hostname()).isEqualTo("localhost");
    }

    @Test
    void anExplicitConfigFileIsReadInsteadOfTheWorkingDirectorysOne() throws IOException {
        write("meridian.yaml", "working.example.org");
        write("etc/node.yaml", "explicit.example.org");

        assertThat(hostname("--config", "etc/node.yaml")).isEqualTo("explicit.example.org");
    }

    @Test
    void anEnvironmentsFileOverridesTheFileItSitsBeside() throws IOException {
        write("meridian.yaml", "working.example.org");
        write("meridian-staging.yaml", "staging.example.org");
        write("etc/node.yaml", "explicit.example.org");
        write("etc/node-production.yaml", "production.example.org");

        assertThat(hostname("--environment", "staging")).isEqualTo("staging.example.org");
        assertThat(hostname("--config", "etc/node.yaml", "--environment", "production"))
                .isEqualTo("production.example.org");
    }

    @Test
    void settingsAnEnvironmentFileDoesNotNameKeepTheirValueFromTheBaseFile() throws IOException {
        Files.writeString(workingDirectory.resolve("meridian.yaml"), """
                meridian:
                  node:
                    hostname: base.example.org
                  indexer:
                    batch-size: 700
                """);
        write("meridian-staging.yaml", "staging.example.org");
        ConfigurationOptions configuration = new ConfigurationOptions();
        configuration.environment = "staging";

        try (ConfigurableApplicationContext context = NodeContexts.configurationOnly(
                configuration.springArguments(Map.of(), workingDirectory))) {
            MeridianProperties properties = context.getBean(MeridianProperties.class);
            assertThat(properties.node().hostname()).isEqualTo("staging.example.org");
            assertThat(properties.indexer().batchSize()).isEqualTo(700);
        }
    }
}
