package org.meridian.server.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.meridian.catalog.sample.SampleCatalogGenerator;
import org.meridian.catalog.sample.SampleCatalogWriter;
import org.meridian.catalog.vocabulary.Cmip6Vocabulary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code meridian generate}: the sample catalog generator. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a CMIP6-like sample catalog (datasets, their files and aggregations) as JSON lines.")
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--datasets", required = true, description = "Dataset records to generate (versions, replicas and retracted ones included).")
    int datasets;

    @Option(names = "--seed", defaultValue = "42", description = "Seed; the same seed gives byte-identical output (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--only-datasets",
            description = "Write the Dataset records only, without their files and aggregations (for index benchmarks).")
    boolean onlyDatasets;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file (JSON lines).")
    Path out;

    @Override
    public Integer call() {
        if (datasets < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--datasets must be at least 1, got " + datasets);
        }
        Instant started = Instant.now();
        ProgressBar bar = ProgressBar.onStandardError("Generating");
        SampleCatalogGenerator generator = new SampleCatalogGenerator(Cmip6Vocabulary.load(), datasets, seed);
        long records = new SampleCatalogWriter().write(onlyDatasets ? generator.withoutFiles() : generator, out,
                written -> bar.update(written.datasets(), datasets, written.records(), Duration.between(started, Instant.now())));
        bar.finish(String.format(Locale.ROOT, "Wrote %,d records (%,d datasets) to %s in %s", records, datasets, out,
                ProgressBar.duration(Duration.between(started, Instant.now()))));
        return 0;
    }
}
