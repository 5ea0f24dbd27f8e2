package org.meridian.index.lucene;

import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.util.BytesRef;

/**
 * Where pages of one query, in one order, on one index snapshot ended: for an offset, the last
 * hit before it, so a later page can be collected after that hit instead of from the first.
 *
 * <p>Ends below {@value #MIN_OFFSET} are not kept: such pages are cheap to collect from the start,
 * and every first page would otherwise fill the cache. At most {@value #CAPACITY} ends are kept,
 * the lowest dropped first. Thread-safe.
 */
final class PageEnds {
    static final int MIN_OFFSET = 1_000;
    static final int CAPACITY = 1_024;

    /** Collect from {@code offset} on after {@code lastHit}; from the start when it is null. */
    record End(int offset, FieldDoc lastHit) {
        static final End START = new End(0, null);
    }

    private final TreeMap<Integer, FieldDoc> ends = new TreeMap<>();

    /** The nearest remembered end at or before {@code offset}, or the start. */
    synchronized End atOrBefore(int offset) {
        Map.Entry<Integer, FieldDoc> end = ends.floorEntry(offset);
        return end == null ? End.START : new End(end.getKey(), end.getValue());
    }

    /** Remembers that the hit before {@code offset} is {@code lastHit}. */
    synchronized void remember(int offset, FieldDoc lastHit) {
        if (offset < MIN_OFFSET || ends.containsKey(offset)) {
            return;
        }
        ends.put(offset, copy(lastHit));
        if (ends.size() > CAPACITY) {
            ends.pollFirstEntry();
        }
    }

    /** A copy that outlives the search: sort values may point into the collector's buffers. */
    private static FieldDoc copy(FieldDoc hit) {
        Object[] fields = hit.fields.clone();
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] instanceof BytesRef bytes) {
                fields[i] = BytesRef.deepCopyOf(bytes);
            }
        }
        return new FieldDoc(hit.doc, hit.score, fields, hit.shardIndex);
    }
}
