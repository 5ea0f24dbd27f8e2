package org.meridian.index.lucene;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.util.IOSupplier;

/**
 * Remembers the counts (total, best score, facet counts) of recent queries against one index
 * snapshot, so a repeated query (the landing page's facet sidebar, a client counting before it
 * pages) skips the counting pass until the index changes.
 *
 * <p>Correct by construction: entries belong to one reader, identified by its cache key, and a
 * reader never changes; a searcher on another reader starts an empty cache. Lucene queries have
 * value equality, so identical searches share an entry. Bounded to {@value #CAPACITY} entries,
 * least recently used first out.
 */
final class CountsCache {
    static final int CAPACITY = 32;

    private volatile Snapshot snapshot = new Snapshot(new Object());

    /** What a count depends on besides the reader. */
    record Key(org.apache.lucene.search.Query query, List<String> facets, boolean scores) {
        Key {
            requireNonNull(query, "query is null");
            facets = List.copyOf(facets);
        }
    }

    /** The counts for {@code key} on {@code reader}, computed by {@code count} if not remembered. */
    MatchCounter.Counts counts(IndexReader reader, Key key, IOSupplier<MatchCounter.Counts> count) throws IOException {
        IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
        if (helper == null) {
            // A reader without a stable identity cannot be cached against.
            return count.get();
        }
        Snapshot current = snapshot;
        if (current.reader != helper.getKey()) {
            // Searches on an older and a newer reader may briefly replace each other's snapshot;
            // that costs recounting, never a wrong answer, as each stores into its own.
            current = new Snapshot(helper.getKey());
            snapshot = current;
        }
        MatchCounter.Counts remembered = current.get(key);
        if (remembered != null) {
            return remembered;
        }
        MatchCounter.Counts counted = count.get();
        current.put(key, counted);
        return counted;
    }

    /** The entries of one reader. */
    private static final class Snapshot {
        private final Object reader;
        private final Map<Key, MatchCounter.Counts> entries = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, MatchCounter.Counts> eldest) {
                return size() > CAPACITY;
            }
        };

        Snapshot(Object reader) {
            this.reader = reader;
        }

        synchronized MatchCounter.Counts get(Key key) {
            return entries.get(key);
        }

        synchronized void put(Key key, MatchCounter.Counts counts) {
            entries.put(key, counts);
        }
    }
}
