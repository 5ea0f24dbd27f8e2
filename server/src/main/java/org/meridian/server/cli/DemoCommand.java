package org.meridian.server.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.meridian.catalog.Stage;
import org.meridian.catalog.sample.SampleCatalogGenerator;
import org.meridian.catalog.vocabulary.Cmip6Vocabulary;
import org.meridian.server.audit.Actor;
import org.meridian.server.catalog.CatalogIngest;
import org.meridian.server.cli.DemoDataDirectory.SampleSettings;
import org.meridian.server.identity.IdentityService;
import org.meridian.server.ops.MeridianProperties;
import org.meridian.server.scenario.ScenarioRuns;
import org.meridian.server.system.JvmShutdown;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code meridian demo}: a node with a generated CMIP6-like catalog. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start a demo node on the embedded default (H2 file database, Lucene index, file store).",
                "On first start it generates a realistic CMIP6-like sample catalog and loads it while already serving."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only: the demo serves plain HTTP).")
    String bind;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./data",
            description = "Data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--datasets", defaultValue = "20000", description = "Dataset records to generate (default: ${DEFAULT-VALUE}).")
    int datasets;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed; the same seed gives the same catalog (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (datasets < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--datasets must be at least 1, got " + datasets);
        }
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must lie in 0..65535, got " + port);
        }
        warnIfReachableFromOtherMachines();
        SampleSettings sample = new SampleSettings(datasets, seed);
        DemoDataDirectory directory = new DemoDataDirectory(dataDir);
        try {
            directory.claim(sample);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("server.port", Integer.toString(port));
        flags.put("server.address", bind);
        flags.put("meridian.data-dir", dataDir.toString());
        // The demo is self-contained: built-in defaults and these flags only, no meridian.yaml.
        List<String> arguments = new ArrayList<>(new ConfigurationFiles(List.of()).springArguments());
        flags.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        ConfigurableApplicationContext node = NodeContexts.startNode(arguments);
        try {
            directory.claimAgainWhileTheNodeHoldsIt(sample);
        } catch (IllegalArgumentException e) {
            node.close();
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        int actualPort = NodeRun.port(node);
        String base = "http://localhost:" + actualPort;
        System.out.printf("""
                Meridian demo node is up (data in %s)
                  Search in the browser   %s/
                  Native JSON API         %s/api/v1/search?facets=source_id,experiment_id
                  ESGF search API         %s/esg-search/search?format=application/solr+json&facets=*&limit=0
                  esgf-pyclient           SearchConnection('%s/esg-search', distrib=False)
                  Health                  %s/actuator/health
                  Sign in                 %s/login  (create an account: meridian admin create-user --data-dir %s --help)
                  Scenarios (signed in)   %s/scenarios
                Press Ctrl-C to stop.
                """, dataDir.toAbsolutePath().normalize(), base, base, base, base, base, base, dataDir, base);
        Actor demo = new Actor(Actor.Kind.SYSTEM, DemoDataDirectory.DEMO_ACTOR);
        int models = node.getBean(ScenarioRuns.class).addExampleModels(demo);
        if (models > 0) {
            System.out.println("Added " + models + " example technology models to the Scenarios page.");
        }
        // The sample restricts some datasets to this group; with its organisation in place, making
        // someone a member shows them, as on a real node.
        if (node.getBean(IdentityService.class).createOrganisationIfAbsent(demo, SampleCatalogGenerator.RESTRICTED_GROUP,
                "CMIP6 embargoed sample data")) {
            System.out.println("Created organisation " + SampleCatalogGenerator.RESTRICTED_GROUP
                    + ": its members and node administrators see the sample's restricted datasets (" + base
                    + "/admin/organisations).");
        }
        loadSampleCatalogOnce(directory, sample, node.getBean(CatalogIngest.class),
                node.getBean(MeridianProperties.class).node().hostname());
        NodeRun.awaitShutdown(node);
        return 0;
    }

    private void warnIfReachableFromOtherMachines() {
        plainHttpExposure(bind).ifPresent(System.err::println);
    }

    /**
     * The demo serves plain HTTP; on any address but loopback, a password typed at its sign-in
     * page, or a token sent to it, crosses the network readable by anyone on the way.
     */
    static Optional<String> plainHttpExposure(String bind) {
        try {
            if (InetAddress.getByName(bind).isLoopbackAddress()) {
                return Optional.empty();
            }
        } catch (UnknownHostException e) {
            return Optional.empty(); // The node refuses the address itself, naming it.
        }
        return Optional.of("warning: --bind " + bind + " lets other machines reach this demo over plain HTTP:"
                + " passwords and tokens sent to it cross the network unencrypted (use meridian serve with TLS"
                + " for a node others use)");
    }

    /**
     * Loads the sample unless this data directory already holds it (a marker file records the
     * settings it was loaded with). Loading is idempotent, so an interrupted load simply resumes.
     */
    private void loadSampleCatalogOnce(DemoDataDirectory directory, SampleSettings sample, CatalogIngest ingest,
            String indexNode) {
        if (directory.loaded()) {
            System.out.println("Sample catalog already loaded (" + sample.marker() + ").");
            return;
        }
        SampleCatalogGenerator generator = new SampleCatalogGenerator(Cmip6Vocabulary.load(), datasets, seed)
                .withIndexNode(indexNode);
        ProgressBar bar = ProgressBar.onStandardError("Loading sample catalog");
        CatalogIngest.Summary summary;
        try {
            summary = ingest.loadRecords("sample catalog", generator.records().iterator(), datasets, Stage.PRODUCTION,
                    progress -> bar.update(progress.done(), progress.total(), progress.records(), progress.elapsed()));
        } catch (RuntimeException e) {
            if (!JvmShutdown.inProgress()) {
                throw e;
            }
            // The batch in flight rolled back; loading is idempotent, so the next start resumes.
            bar.finish("Stopped while loading the sample catalog; the next start loads the rest.");
            return;
        }
        bar.finish(String.format(Locale.ROOT, "Sample catalog loaded: %,d records (%,d datasets) in %s, %,.0f records/s",
                summary.records(), datasets, ProgressBar.duration(summary.elapsed()), summary.recordsPerSecond()));
        directory.markLoaded(sample);
    }
}
