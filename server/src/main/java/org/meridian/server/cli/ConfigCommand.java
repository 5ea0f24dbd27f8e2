package org.meridian.server.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.meridian.server.ops.EffectiveConfiguration;
import org.meridian.server.ops.MeridianProperties;
import org.meridian.server.ops.UnknownVariables;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code meridian config}: inspect configuration. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Inspect the node's configuration.",
        subcommands = ConfigCommand.Show.class)
final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** {@code meridian config show}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the effective configuration, secrets redacted, each value with where it came from.")
    static final class Show implements Callable<Integer> {
        @Mixin
        ConfigurationOptions configuration;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = NodeContexts.configurationOnly(
                    configuration.springArguments(Map.of()))) {
                EffectiveConfiguration effective = EffectiveConfiguration.of(context.getBean(MeridianProperties.class),
                        context.getEnvironment());
                for (EffectiveConfiguration.Setting setting : effective.settings()) {
                    System.out.printf("%s = %s    # %s%n", setting.name(), setting.shownValue(), setting.origin());
                }
                UnknownVariables.among(context.getEnvironment().getSystemEnvironment().keySet(), effective)
                        .forEach(variable -> System.err.println("meridian: warning: environment variable " + variable
                                + " names no Meridian setting and is ignored"));
            }
            return 0;
        }
    }
}
