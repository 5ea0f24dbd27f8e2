package org.meridian.catalog.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.RecordType;

/** Writes a generated catalog as JSON lines, the format {@code meridian ingest} reads. */
public final class SampleCatalogWriter {
    private static final int PROGRESS_EVERY = 10_000;

    /** Progress: records written, of which datasets. */
    public record Written(long records, long datasets) {
    }

    private final RecordJson json = new RecordJson();

    /** Writes every record and returns how many; {@code progress} is told every few thousand. */
    public long write(SampleCatalogGenerator generator, Path out, Consumer<Written> progress) {
        long[] counts = new long[2];
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (CatalogRecord record : (Iterable<CatalogRecord>) generator.records()::iterator) {
                writer.write(json.write(record));
                writer.write('\n');
                counts[0]++;
                if (record.type() == RecordType.DATASET) {
                    counts[1]++;
                }
                if (counts[0] % PROGRESS_EVERY == 0) {
                    progress.accept(new Written(counts[0], counts[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
        progress.accept(new Written(counts[0], counts[1]));
        return counts[0];
    }
}
