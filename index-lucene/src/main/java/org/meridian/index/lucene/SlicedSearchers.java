package org.meridian.index.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.IndexSearcher.LeafReaderContextPartition;
import org.apache.lucene.search.IndexSearcher.LeafSlice;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.TermStatistics;

/**
 * Searchers that split one search over the machine's cores, so a single broad query (facet
 * counts over a million records) takes one core's share of the time rather than all of it.
 *
 * <p>An index is cut into one slice per core of equal size, splitting segments into document
 * ranges (Lucene's segment partitions) where needed, since after merging most documents sit in
 * one or two segments. Indexes under {@code minDocsPerSlice} documents stay one slice: there a search is
 * quicker than handing it out. Lucene runs one slice on the searching thread and the rest on
 * this pool, so under a load of many concurrent searches each still mostly runs on its own thread.
 */
final class SlicedSearchers extends SearcherFactory implements AutoCloseable {
    /** Below this many documents per slice, parallel search costs more than it saves. */
    static final int DEFAULT_MIN_DOCS_PER_SLICE = 100_000;

    private final ExecutorService threads;
    private final int slices;
    private final int minDocsPerSlice;

    /**
     * @param slices how many slices a large index is cut into (usually the number of cores)
     * @param minDocsPerSlice the fewest documents worth a slice of their own
     */
    SlicedSearchers(int slices, int minDocsPerSlice) {
        if (slices < 1 || minDocsPerSlice < 1) {
            throw new IllegalArgumentException("slices and minDocsPerSlice must be positive, got " + slices + " and "
                    + minDocsPerSlice);
        }
        this.slices = slices;
        this.minDocsPerSlice = minDocsPerSlice;
        AtomicInteger number = new AtomicInteger();
        // One thread fewer than slices: the searching thread runs a slice itself.
        this.threads = Executors.newFixedThreadPool(Math.max(1, slices - 1), task -> {
            Thread thread = new Thread(task, "meridian-search-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
        return new IndexSearcher(reader, threads) {
            @Override
            protected LeafSlice[] slices(List<LeafReaderContext> leaves) {
                return balancedSlices(leaves);
            }
        };
    }

    /**
     * A searcher of what {@code searcher} searches, in the same slices on the same threads and
     * with the same query cache, whose scores count only the documents {@code statistics} counts.
     * Cheap enough to make per search: it shares everything but the statistics.
     */
    IndexSearcher scoring(IndexSearcher searcher, ScopedStatistics statistics) {
        IndexSearcher scoring = new IndexSearcher(searcher.getIndexReader().getContext(), threads) {
            @Override
            protected LeafSlice[] slices(List<LeafReaderContext> leaves) {
                return searcher.getSlices();
            }

            @Override
            public TermStatistics termStatistics(Term term, int docFreq, long totalTermFreq) throws IOException {
                return statistics.termStatistics(term);
            }

            @Override
            public CollectionStatistics collectionStatistics(String field) throws IOException {
                CollectionStatistics whole = super.collectionStatistics(field);
                // No document holds the field, visible or not: nothing to scope.
                return whole == null ? null : statistics.collectionStatistics(whole);
            }
        };
        scoring.setSimilarity(searcher.getSimilarity());
        scoring.setQueryCache(searcher.getQueryCache());
        scoring.setQueryCachingPolicy(searcher.getQueryCachingPolicy());
        return scoring;
    }

    /**
     * Cuts the index's documents, segment after segment, into equal ranges of at least
     * {@code minDocsPerSlice}, at most {@code slices} of them. Lucene's own grouping keeps
     * segments below its size bound whole, which left 720k of 1M documents in one of two slices,
     * and the search no faster than on one thread.
     */
    LeafSlice[] balancedSlices(List<LeafReaderContext> leaves) {
        long documents = 0;
        for (LeafReaderContext leaf : leaves) {
            documents += leaf.reader().maxDoc();
        }
        int count = (int) Math.max(1, Math.min(slices, documents / minDocsPerSlice));
        long perSlice = Math.ceilDiv(documents, count);
        List<LeafSlice> result = new ArrayList<>(count);
        List<LeafReaderContextPartition> current = new ArrayList<>();
        long room = perSlice;
        for (LeafReaderContext leaf : leaves) {
            int maxDoc = leaf.reader().maxDoc();
            int from = 0;
            while (from < maxDoc) {
                int to = (int) Math.min(maxDoc, from + room);
                current.add(from == 0 && to == maxDoc
                        ? LeafReaderContextPartition.createForEntireSegment(leaf)
                        : LeafReaderContextPartition.createFromAndTo(leaf, from, to));
                room -= to - from;
                from = to;
                if (room == 0) {
                    result.add(new LeafSlice(current));
                    current = new ArrayList<>();
                    room = perSlice;
                }
            }
        }
        if (!current.isEmpty()) {
            result.add(new LeafSlice(current));
        }
        return result.toArray(LeafSlice[]::new);
    }

    /**
     * Stops the pool without waiting. Running slices finish; a search that took its searcher just
     * before the index closed (a rebuilt index taking over) still completes, as Lucene runs a
     * slice the pool rejects on the searching thread.
     */
    @Override
    public void close() {
        threads.shutdown();
    }
}
