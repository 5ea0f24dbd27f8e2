package org.meridian.server.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.meridian.server.ops.MeridianProperties;
import org.meridian.server.ops.NodeAddress;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code meridian serve}: the production entry point. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start a node with the layered configuration (meridian.yaml, meridian-<environment>.yaml, MERIDIAN_* variables, flags).")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigurationOptions configuration;

    @Option(names = "--port", description = "HTTP port (overrides server.port).")
    Integer port;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (overrides meridian.data-dir).")
    Path dataDir;

    @Override
    public Integer call() {
        Map<String, String> flags = new LinkedHashMap<>();
        if (port != null) {
            if (port < 0 || port > 65_535) {
                throw new ParameterException(spec.commandLine(), "--port must lie in 0..65535, got " + port);
            }
            flags.put("server.port", port.toString());
        }
        if (dataDir != null) {
            flags.put("meridian.data-dir", dataDir.toString());
        }
        ConfigurableApplicationContext node = NodeContexts.startNode(configuration.springArguments(flags));
        MeridianProperties properties = node.getBean(MeridianProperties.class);
        System.out.printf("Meridian node serving %s on %s/%n", properties.dataDir().toAbsolutePath().normalize(),
                NodeAddress.local(node.getEnvironment(), NodeRun.port(node)));
        NodeRun.awaitShutdown(node);
        return 0;
    }
}
