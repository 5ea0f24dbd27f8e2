package org.meridian.index.lucene;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.util.IOSupplier;

/**
 * Remembers values computed from one index snapshot (the counts of recent queries, where their
 * pages start), so repeating the work is skipped until the index changes.
 *
 * <p>Correct by construction: entries belong to one reader, identified by its cache key, and a
 * reader never changes; a search on another reader starts an empty cache. Lucene queries have
 * value equality, so identical searches share an entry. Bounded to a capacity, least recently
 * used first out.
 *
 * @param <K> what a value depends on besides the reader
 * @param <V> the remembered value; shared by every search that finds it, so immutable or thread-safe
 */
final class SnapshotCache<K, V> {
    private final int capacity;
    private volatile Snapshot<K, V> snapshot = new Snapshot<>(new Object(), 1);

    SnapshotCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    int capacity() {
        return capacity;
    }

    /** The value for {@code key} on {@code reader}, computed by {@code compute} if not remembered. */
    V get(IndexReader reader, K key, IOSupplier<V> compute) throws IOException {
        Snapshot<K, V> current = snapshotOf(reader);
        if (current == null) {
            return compute.get();
        }
        V remembered = current.get(key);
        if (remembered != null) {
            return remembered;
        }
        V computed = compute.get();
        current.put(key, computed);
        return computed;
    }

    /** The snapshot of {@code reader}, started afresh if it is another reader's; null if uncacheable. */
    private Snapshot<K, V> snapshotOf(IndexReader reader) {
        IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
        if (helper == null) {
            // A reader without a stable identity cannot be cached against.
            return null;
        }
        Snapshot<K, V> current = snapshot;
        if (current.reader != helper.getKey()) {
            // Searches on an older and a newer reader may briefly replace each other's snapshot;
            // that costs recomputing, never a wrong answer, as each stores into its own.
            current = new Snapshot<>(helper.getKey(), capacity);
            snapshot = current;
        }
        return current;
    }

    /** The entries of one reader. */
    private static final class Snapshot<K, V> {
        private final Object reader;
        private final Map<K, V> entries;

        Snapshot(Object reader, int capacity) {
            this.reader = reader;
            this.entries = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                    return size() > capacity;
                }
            };
        }

        synchronized V get(K key) {
            return entries.get(key);
        }

        synchronized void put(K key, V value) {
            entries.put(key, value);
        }
    }
}
