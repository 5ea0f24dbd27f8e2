package org.meridian.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.meridian.server.ops.EnvironmentVariables;
import org.meridian.server.ops.MeridianProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Which files a command reads and which wins: the locations handed to Spring (which reads exactly
 * those), and the configuration Spring binds from them.
 */
class ConfigurationFilesTest {
    private static final EnvironmentVariables NO_VARIABLES = name -> Optional.empty();

    @TempDir
    Path workingDirectory;

    private Path write(String file, String hostname) throws IOException {
        return writeText(file, "meridian:\n  node:\n    hostname: " + hostname + "\n");
    }

    private Path writeText(String file, String text) throws IOException {
        Path path = workingDirectory.resolve(file);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, text);
    }

    private ConfigurationFiles resolve(String config, String environment) {
        return ConfigurationFiles.resolve(config == null ? null : workingDirectory.resolve(config), environment,
                workingDirectory, NO_VARIABLES);
    }

    private String hostname(String config, String environment) {
        ConfigurationOptions configuration = new ConfigurationOptions();
        configuration.config = config == null ? null : workingDirectory.resolve(config);
        configuration.environment = environment;
        try (ConfigurableApplicationContext context = NodeContexts.configurationOnly(
                configuration.springArguments(Map.of(), workingDirectory, NO_VARIABLES))) {
            return context.getBean(MeridianProperties.class).node().hostname();
        }
    }

    @Test
    void withNoFilesSpringGetsTheBuiltInDefaultsOnly() throws IOException {
        write("application.yaml", "stray.example.org");
        write("config/application.yml", "stray.example.org");

        assertThat(resolve(null, null).springLocation()).isEqualTo("classpath:/application.yaml");
        assertThat(hostname(null, null)).isEqualTo("localhost");
    }

    @Test
    void springsDefaultProfileDoesNotBringInAFileBesideTheConfiguration() throws IOException {
        write("meridian.yaml", "base.example.org");
        write("meridian-default.yaml", "unchecked.example.org");

        assertThat(hostname(null, null)).isEqualTo("base.example.org");
    }

    @Test
    void meridianYamlInTheWorkingDirectoryIsReadAndConfigDirectoryWins() throws IOException {
        Path working = write("meridian.yaml", "working.example.org");
        assertThat(hostname(null, null)).isEqualTo("working.example.org");

        Path configDirectory = write("config/meridian.yaml", "config-dir.example.org");
        assertThat(resolve(null, null).files()).containsExactly(working, configDirectory);
        assertThat(hostname(null, null)).isEqualTo("config-dir.example.org");
    }

    @ParameterizedTest
    @ValueSource(strings = {"meridian.yml", "meridian.properties"})
    void theOtherFormatsSpringBootReadsAreReadInTheDefaultPlaces(String name) throws IOException {
        if (name.endsWith(".properties")) {
            writeText(name, "meridian.node.hostname=other-format.example.org\n");
        } else {
            write(name, "other-format.example.org");
        }

        assertThat(hostname(null, null)).isEqualTo("other-format.example.org");
    }

    @Test
    void anExplicitConfigFileIsReadInsteadOfTheWorkingDirectorysOne() throws IOException {
        write("meridian.yaml", "working.example.org");
        Path explicit = write("etc/node.yaml", "explicit.example.org");

        assertThat(resolve("etc/node.yaml", null).files()).containsExactly(explicit);
        assertThat(hostname("etc/node.yaml", null)).isEqualTo("explicit.example.org");
    }

    @Test
    void anEnvironmentsFileOverridesTheFileItSitsBeside() throws IOException {
        write("meridian.yaml", "working.example.org");
        write("meridian-staging.yaml", "staging.example.org");
        write("etc/node.yaml", "explicit.example.org");
        write("etc/node-production.yaml", "production.example.org");

        assertThat(hostname(null, "staging")).isEqualTo("staging.example.org");
        assertThat(hostname("etc/node.yaml", "production")).isEqualTo("production.example.org");
    }

    @Test
    void settingsAnEnvironmentFileDoesNotNameKeepTheirValueFromTheBaseFile() throws IOException {
        writeText("meridian.yaml", """
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
                configuration.springArguments(Map.of(), workingDirectory, NO_VARIABLES))) {
            MeridianProperties properties = context.getBean(MeridianProperties.class);
            assertThat(properties.node().hostname()).isEqualTo("staging.example.org");
            assertThat(properties.indexer().batchSize()).isEqualTo(700);
        }
    }

    @Test
    void inAFileOfSeveralDocumentsTheLaterOneWins() throws IOException {
        writeText("meridian.yaml", """
                meridian:
                  node:
                    hostname: first.example.org
                ---
                meridian:
                  node:
                    hostname: second.example.org
                """);

        assertThat(hostname(null, null)).isEqualTo("second.example.org");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "spring:\n  config:\n    activate:\n      on-profile: staging\n",
        "spring.config.import: file:./other.yaml\n",
        "spring:\n  profiles:\n    active: qa\n"})
    void springsOwnWaysToReadOtherFilesAreRefused(String text) throws IOException {
        writeText("meridian.yaml", "meridian:\n  node:\n    hostname: base.example.org\n---\n" + text);

        assertThatThrownBy(() -> resolve(null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not read here: Meridian chooses its configuration files itself");
    }

    @Test
    void aSpringVariableThatChoosesFilesIsRefused() {
        EnvironmentVariables profiles = name -> name.equals("SPRING_PROFILES_ACTIVE") ? Optional.of("qa") : Optional.empty();

        assertThatThrownBy(() -> ConfigurationFiles.resolve(null, null, workingDirectory, profiles))
                .hasMessageStartingWith("SPRING_PROFILES_ACTIVE is set: Meridian chooses its configuration files itself");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,b/meridian.yaml", "a;b/meridian.yaml", "a*b/meridian.yaml"})
    void aPathSpringWouldSplitOrExpandIsRefused(String file) throws IOException {
        write(file, "x.example.org");

        assertThatThrownBy(() -> resolve(file, null)).hasMessageContaining("a configuration file's path cannot contain");
    }

    @Test
    void aConfigThatIsADirectoryOrOfAnotherFormatIsNamed() throws IOException {
        Files.createDirectories(workingDirectory.resolve("etc"));
        writeText("node.conf", "meridian.node.hostname=x\n");

        assertThatThrownBy(() -> resolve("etc", null)).hasMessageEndingWith("etc is a directory; name a file in it");
        assertThatThrownBy(() -> resolve("node.conf", null))
                .hasMessageEndingWith("node.conf: a configuration file ends in .yaml, .yml or .properties");
    }

    @Test
    void sectionsOfSpringBootThatOperatorsSetAreAccepted() throws IOException {
        writeText("meridian.yaml", "info:\n  node: index-1\ndebug: false\nlogging:\n  level:\n    org.meridian: DEBUG\n");

        assertThat(resolve(null, null).files()).hasSize(1);
    }

    @Test
    void springBootSettingsOperatorsWriteAreAcceptedInEitherFormat() throws IOException {
        writeText("meridian.yaml", """
                server:
                  port: 8443
                  address: 10.0.0.5
                  shutdown: graceful
                  forward-headers-strategy: native
                  maxHttpRequestHeaderSize: 16KB
                  servlet:
                    context-path: /meridian
                  ssl:
                    bundle: node
                  tomcat:
                    threads:
                      max: 50
                    accesslog:
                      enabled: true
                management:
                  server:
                    port: 9090
                  endpoints:
                    web:
                      exposure:
                        include: [health, prometheus]
                  endpoint:
                    health:
                      show-details: when-authorized
                  metrics:
                    tags:
                      region: eu-west
                logging:
                  level:
                    root: WARN
                    "[org.meridian.server]": DEBUG
                  file:
                    name: /var/log/meridian.log
                  group:
                    web: org.springframework.web
                spring:
                  main:
                    banner-mode: off
                  lifecycle:
                    timeout-per-shutdown-phase: 20s
                  threads:
                    virtual:
                      enabled: true
                  ssl:
                    bundle:
                      pem:
                        node:
                          keystore:
                            certificate: /etc/meridian/cert.pem
                  web:
                    error:
                      include-message: always
                info:
                  site: Example Lab
                """);
        writeText("config/meridian.properties", """
                management.endpoints.web.exposure.include[0]=health
                server.tomcat.max_swallow_size=4MB
                spring.security.oauth2.client.registration.lab.client-id=meridian
                """);

        assertThat(resolve(null, null).files()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"meridian.yaml", "meridian.properties"})
    void aMisspeltSpringBootSettingIsRefusedWithTheNearestOne(String file) throws IOException {
        writeText(file, file.endsWith(".yaml") ? "server:\n  prot: 9000\n" : "server.prot=9000\n");

        assertThatThrownBy(() -> resolve(null, null)).isInstanceOf(IllegalArgumentException.class)
                // Where it is written, as config show places values: path:line:column.
                .hasMessageEndingWith(file + (file.endsWith(".yaml") ? ":2:9" : ":1:13")
                        + ": server.prot is not a setting Spring Boot reads (did you mean server.port?)");
    }

    @Test
    void aSettingFarFromEveryKnownOneIsRefusedWithoutAGuess() throws IOException {
        writeText("meridian.yaml", "management:\n  telemetry-sink: udp://collector\n");

        assertThatThrownBy(() -> resolve(null, null))
                .hasMessageEndingWith("meridian.yaml:2:19: management.telemetry-sink is not a setting Spring Boot reads");
    }

    @Test
    void aSettingSpringBootNoLongerReadsNamesItsReplacement() throws IOException {
        // Spring Boot 4 moved the error page settings from server.error to spring.web.error.
        writeText("meridian.yaml", "server:\n  error:\n    include-message: always\n");

        assertThatThrownBy(() -> resolve(null, null)).hasMessageEndingWith("meridian.yaml:3:22: server.error.include-message"
                + " is no longer read by Spring Boot: use spring.web.error.include-message instead");
    }

    @Test
    void aKeyBelowASingleValueIsRefused() throws IOException {
        writeText("meridian.properties", "server.port.https=8443\n");

        assertThatThrownBy(() -> resolve(null, null))
                .hasMessageEndingWith("meridian.properties:1:19: server.port.https is not a setting: server.port is a single value");
    }

    @Test
    void theBuiltInDefaultsPassTheChecksAnOperatorsFileMust() throws IOException {
        try (var builtIn = ConfigurationFilesTest.class.getResourceAsStream("/application.yaml")) {
            Files.write(workingDirectory.resolve("meridian.yaml"), builtIn.readAllBytes());
        }

        assertThat(resolve(null, null).files()).hasSize(1);
    }

    @Test
    void anEmptyOrCommentedOutSectionSetsNothingAndIsAccepted() throws IOException {
        writeText("meridian.yaml", "server:\n  # port: 9000\nmanagement:\nspring:\n  ssl: {}\n");

        assertThat(resolve(null, null).files()).hasSize(1);
    }

    @Test
    void anEndpointSwitchedOffTheWaySpringBootStillReadsIsAccepted() throws IOException {
        writeText("meridian.yaml", "management:\n  endpoint:\n    prometheus:\n      enabled: false\n");

        assertThat(resolve(null, null).files()).hasSize(1);
    }

    @Test
    void aRetiredSettingNamesItsLatestReplacementAndOnlyForItself() throws IOException {
        // spring.http.encoding went to server.servlet.encoding, which Spring Boot 4 moved to spring.servlet.encoding.
        writeText("meridian.properties", "spring.http.encoding.charset=UTF-8\n");
        assertThatThrownBy(() -> resolve(null, null)).hasMessageEndingWith(
                "spring.http.encoding.charset is no longer read by Spring Boot: use spring.servlet.encoding.charset instead");

        // logging.file (now logging.file.name) once held a path; a key below it is simply unknown.
        writeText("meridian.properties", "logging.file.rotate=true\n");
        assertThatThrownBy(() -> resolve(null, null))
                .hasMessageEndingWith("logging.file.rotate is not a setting Spring Boot reads");
    }

    @Test
    void belowALocaleThereAreNoEntries() throws IOException {
        writeText("meridian.properties", "spring.web.locale.en=true\n");

        assertThatThrownBy(() -> resolve(null, null))
                .hasMessageEndingWith("spring.web.locale.en is not a setting: spring.web.locale is a single value");
    }

    @Test
    void aMisspeltMapIsSuggestedWithTheEntryWrittenBelowIt() throws IOException {
        writeText("meridian.yaml", "logging:\n  levl:\n    org.meridian: DEBUG\n");

        assertThatThrownBy(() -> resolve(null, null)).hasMessageEndingWith(
                "logging.levl.org.meridian is not a setting Spring Boot reads (did you mean logging.level.org.meridian?)");
    }
}
