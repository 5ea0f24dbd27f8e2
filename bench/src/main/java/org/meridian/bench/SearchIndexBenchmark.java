package org.meridian.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.meridian.catalog.CatalogChange;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.Stage;
import org.meridian.catalog.sample.SampleCatalogGenerator;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SearchIndex;
import org.meridian.catalog.search.SearchResult;
import org.meridian.catalog.vocabulary.Cmip6Vocabulary;
import org.meridian.index.lucene.LuceneSearchIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Search latency of the embedded Lucene index over Dataset records of the sample catalog, at
 * 100k and 1M records, through the {@link SearchIndex} SPI:
 * <ul>
 *   <li>{@code eightFacetsMatchAll}: counts of 8 facets over everything (ESGF's typical first call);</li>
 *   <li>{@code selectiveFacetQuery}: three facet constraints plus latest, first page;</li>
 *   <li>{@code textQuery}: a free-text term, first page.</li>
 * </ul>
 * The index remembers the counts of its 32 most recent distinct queries per snapshot, so each
 * question is asked twice: {@code …Uncached} cycles through more equivalent-but-distinct queries
 * than that cache holds, measuring the counting itself; the plain variant repeats one query, as a
 * landing page does. Match-all variants list the same 8 facets in different orders (a negation
 * would change the work: it turns off the match-all path); the others add a never-matching
 * {@code NOT source_id:absent-i}.
 * The index is built once per size under {@code bench/target/indexes/} and reused by later runs.
 * Run: {@code java -jar bench/target/benchmarks.jar SearchIndexBenchmark -f 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgs = {"-Xmx1g", "-XX:+UseParallelGC"})
public class SearchIndexBenchmark {
    private static final List<String> EIGHT_FACETS = List.of("project", "activity_id", "experiment_id", "source_id",
            "institution_id", "variable_id", "table_id", "frequency");

    @Param({"100000", "1000000"})
    int datasets;

    /** More distinct variants than the index's counts cache holds, so every search counts afresh. */
    private static final int VARIANTS = 97;

    private SearchIndex index;
    private Query eightFacets;
    private Query selective;
    private Query text;
    private Query[] eightFacetsVariants;
    private Query[] selectiveVariants;
    private Query[] textVariants;
    private int next;

    @Setup(Level.Trial)
    public void openIndex() {
        Path directory = Path.of(System.getProperty("meridian.bench.dir", "bench/target/indexes"), "datasets-" + datasets);
        if (!Files.exists(directory.resolve("complete"))) {
            build(directory, datasets);
        }
        index = LuceneSearchIndex.open(directory);
        eightFacets = Query.builder().type(RecordType.DATASET).limit(0).facets(EIGHT_FACETS).build();
        selective = Query.builder().type(RecordType.DATASET).where("source_id", "CESM2")
                .where("experiment_id", "historical").where("variable_id", "tas").latest(true).limit(10).build();
        text = Query.builder().type(RecordType.DATASET).text("precipitation").limit(10).build();
        eightFacetsVariants = new Query[VARIANTS];
        for (int i = 0; i < VARIANTS; i++) {
            eightFacetsVariants[i] = eightFacets.toBuilder().facets(FacetOrders.permutation(EIGHT_FACETS, i)).build();
        }
        selectiveVariants = variants(selective);
        textVariants = variants(text);
    }

    private static Query[] variants(Query query) {
        Query[] variants = new Query[VARIANTS];
        for (int i = 0; i < VARIANTS; i++) {
            variants[i] = query.toBuilder().whereNot("source_id", "absent-" + i).build();
        }
        return variants;
    }

    private int nextVariant() {
        next = (next + 1) % VARIANTS;
        return next;
    }

    @TearDown(Level.Trial)
    public void closeIndex() throws IOException {
        index.close();
    }

    @Benchmark
    public SearchResult eightFacetsMatchAll() {
        return index.search(eightFacets);
    }

    @Benchmark
    public SearchResult selectiveFacetQuery() {
        return index.search(selective);
    }

    @Benchmark
    public SearchResult textQuery() {
        return index.search(text);
    }

    @Benchmark
    public SearchResult eightFacetsMatchAllUncached() {
        return index.search(eightFacetsVariants[nextVariant()]);
    }

    @Benchmark
    public SearchResult selectiveFacetQueryUncached() {
        return index.search(selectiveVariants[nextVariant()]);
    }

    @Benchmark
    public SearchResult textQueryUncached() {
        return index.search(textVariants[nextVariant()]);
    }

    /** Indexes the first {@code datasets} Dataset records of the seed-42 sample catalog. */
    static void build(Path directory, int datasets) {
        try {
            Files.createDirectories(directory);
            Instant cataloged = Instant.parse("2026-01-01T00:00:00Z");
            try (SearchIndex target = LuceneSearchIndex.open(directory)) {
                Iterator<CatalogRecord> records = new SampleCatalogGenerator(Cmip6Vocabulary.load(), datasets, 42)
                        .records().filter(record -> record.type() == RecordType.DATASET).iterator();
                long sequence = target.appliedSequence();
                RecordJson json = new RecordJson();
                List<CatalogChange> batch = new ArrayList<>();
                while (records.hasNext()) {
                    CatalogRecord record = records.next();
                    batch.add(new CatalogChange.Upsert(++sequence, Stage.PRODUCTION, record, cataloged, json.write(record)));
                    if (batch.size() == 10_000 || !records.hasNext()) {
                        target.apply(batch);
                        batch.clear();
                    }
                }
                target.commit();
            }
            Files.writeString(directory.resolve("complete"), "seed 42\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
