package org.meridian.index.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdStream;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.BytesRef;
import org.meridian.catalog.search.FacetCount;

/**
 * One pass over every match: how many there are, the best score (when scores are asked for), and
 * for each requested field how many matches carry each value, read from the fields' sorted-set
 * doc values. Fields without such doc values (numbers, identifiers, fields no document has) have
 * no values.
 *
 * <p>Within a segment, values are counted into an array indexed by the segment's ordinals; when
 * the segment is done, the ordinals that were hit are looked up once and merged by value. Matches
 * arriving in bulk (streams of documents, as Lucene delivers dense filters, or ranges) are counted
 * one field at a time, so each field's doc values are read in one ascending sweep. Every read
 * positions the doc values on a later document than the one before, whichever way matches
 * arrive, as Lucene's doc-values iterators require.
 */
final class MatchCounter implements CollectorManager<MatchCounter.SliceCounter, MatchCounter.Counts> {
    private static final int BUFFER_SIZE = 512;

    private final List<String> fields;
    private final boolean scores;

    /**
     * @param fields the fields whose values to count; one requested twice is counted once
     * @param scores whether to track the best score, which makes the search compute scores
     */
    MatchCounter(List<String> fields, boolean scores) {
        this.fields = List.copyOf(new LinkedHashSet<>(fields));
        this.scores = scores;
    }

    /**
     * @param maxScore the best score of any match; 0 when nothing matched or scores were not tracked
     * @param facets per field, in the order requested, values in lexical (UTF-8 byte, that is code
     *     point) order as Solr lists them
     */
    record Counts(long total, float maxScore, Map<String, List<FacetCount>> facets) {
        Counts {
            // Immutable, so a cache may hand the same counts to many searches.
            Map<String, List<FacetCount>> copy = new LinkedHashMap<>();
            facets.forEach((field, counts) -> copy.put(field, List.copyOf(counts)));
            facets = Collections.unmodifiableMap(copy);
        }
    }

    @Override
    public SliceCounter newCollector() {
        return new SliceCounter();
    }

    @Override
    public Counts reduce(Collection<SliceCounter> counters) {
        long total = 0;
        float maxScore = 0;
        for (SliceCounter counter : counters) {
            total += counter.total;
            maxScore = Math.max(maxScore, counter.maxScore);
        }
        Map<String, List<FacetCount>> facets = new LinkedHashMap<>();
        for (int field = 0; field < fields.size(); field++) {
            Map<BytesRef, Long> merged = new HashMap<>();
            for (SliceCounter counter : counters) {
                counter.countsByValue.get(field).forEach((value, count) -> merged.merge(value, count, Long::sum));
            }
            List<BytesRef> values = new ArrayList<>(merged.keySet());
            values.sort(null);
            List<FacetCount> counts = new ArrayList<>(values.size());
            for (BytesRef value : values) {
                counts.add(new FacetCount(value.utf8ToString(), merged.get(value)));
            }
            facets.put(fields.get(field), counts);
        }
        return new Counts(total, maxScore, facets);
    }

    /** Counts the segments of one search slice. */
    final class SliceCounter implements Collector {
        private final List<Map<BytesRef, Long>> countsByValue = new ArrayList<>();
        private long total;
        private float maxScore;

        private SliceCounter() {
            for (int field = 0; field < fields.size(); field++) {
                countsByValue.add(new HashMap<>());
            }
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            return new SegmentCounter(context.reader());
        }

        @Override
        public ScoreMode scoreMode() {
            return scores ? ScoreMode.COMPLETE : ScoreMode.COMPLETE_NO_SCORES;
        }

        /** Counts per ordinal in one segment; per field, single- or multi-valued doc values or neither. */
        private final class SegmentCounter implements LeafCollector {
            private final SortedDocValues[] singleValued;
            private final SortedSetDocValues[] multiValued;
            private final int[][] counts;
            private int[] buffer;
            private Scorable scorer;

            SegmentCounter(LeafReader reader) throws IOException {
                singleValued = new SortedDocValues[fields.size()];
                multiValued = new SortedSetDocValues[fields.size()];
                counts = new int[fields.size()][];
                for (int field = 0; field < fields.size(); field++) {
                    FieldInfo info = reader.getFieldInfos().fieldInfo(fields.get(field));
                    if (info == null
                            || (info.getDocValuesType() != DocValuesType.SORTED_SET
                                    && info.getDocValuesType() != DocValuesType.SORTED)) {
                        continue;
                    }
                    SortedSetDocValues values = DocValues.getSortedSet(reader, fields.get(field));
                    // A segment where no document has two values of a field stores it single-valued,
                    // which reads faster; most attributes are.
                    singleValued[field] = DocValues.unwrapSingleton(values);
                    multiValued[field] = singleValued[field] == null ? values : null;
                    counts[field] = new int[Math.toIntExact(values.getValueCount())];
                }
            }

            @Override
            public void setScorer(Scorable scorer) {
                this.scorer = scorer;
            }

            @Override
            public void collect(int doc) throws IOException {
                total++;
                if (scores) {
                    maxScore = Math.max(maxScore, scorer.score());
                }
                for (int field = 0; field < counts.length; field++) {
                    SortedDocValues single = singleValued[field];
                    if (single != null) {
                        if (single.advanceExact(doc)) {
                            counts[field][single.ordValue()]++;
                        }
                    } else if (multiValued[field] != null && multiValued[field].advanceExact(doc)) {
                        countValues(multiValued[field], counts[field]);
                    }
                }
            }

            @Override
            public void collect(DocIdStream stream) throws IOException {
                if (scores) {
                    // Scores are per document; take them one at a time.
                    LeafCollector.super.collect(stream);
                    return;
                }
                if (buffer == null) {
                    buffer = new int[BUFFER_SIZE];
                }
                for (int size = stream.intoArray(buffer); size > 0; size = stream.intoArray(buffer)) {
                    total += size;
                    for (int field = 0; field < counts.length; field++) {
                        SortedDocValues single = singleValued[field];
                        if (single != null) {
                            int[] fieldCounts = counts[field];
                            for (int i = 0; i < size; i++) {
                                if (single.advanceExact(buffer[i])) {
                                    fieldCounts[single.ordValue()]++;
                                }
                            }
                        } else if (multiValued[field] != null) {
                            SortedSetDocValues multi = multiValued[field];
                            int[] fieldCounts = counts[field];
                            for (int i = 0; i < size; i++) {
                                if (multi.advanceExact(buffer[i])) {
                                    countValues(multi, fieldCounts);
                                }
                            }
                        }
                    }
                }
            }

            /**
             * Every document in {@code [min, max)} matches (a match-all or dense filter over a
             * stretch without deletions), so there is nothing to look up per document.
             */
            @Override
            public void collectRange(int min, int max) throws IOException {
                if (scores) {
                    LeafCollector.super.collectRange(min, max);
                    return;
                }
                total += max - min;
                for (int field = 0; field < counts.length; field++) {
                    SortedDocValues single = singleValued[field];
                    if (single != null) {
                        int[] fieldCounts = counts[field];
                        for (int doc = min; doc < max; doc++) {
                            if (single.advanceExact(doc)) {
                                fieldCounts[single.ordValue()]++;
                            }
                        }
                    } else if (multiValued[field] != null) {
                        SortedSetDocValues multi = multiValued[field];
                        int[] fieldCounts = counts[field];
                        for (int doc = min; doc < max; doc++) {
                            if (multi.advanceExact(doc)) {
                                countValues(multi, fieldCounts);
                            }
                        }
                    }
                }
            }

            @Override
            public void finish() throws IOException {
                for (int field = 0; field < counts.length; field++) {
                    int[] fieldCounts = counts[field];
                    if (fieldCounts == null) {
                        continue;
                    }
                    Map<BytesRef, Long> byValue = countsByValue.get(field);
                    for (int ordinal = 0; ordinal < fieldCounts.length; ordinal++) {
                        if (fieldCounts[ordinal] > 0) {
                            BytesRef value = BytesRef.deepCopyOf(lookup(field, ordinal));
                            byValue.merge(value, (long) fieldCounts[ordinal], Long::sum);
                        }
                    }
                }
            }

            private BytesRef lookup(int field, int ordinal) throws IOException {
                return singleValued[field] != null
                        ? singleValued[field].lookupOrd(ordinal)
                        : multiValued[field].lookupOrd(ordinal);
            }

            private static void countValues(SortedSetDocValues values, int[] fieldCounts) throws IOException {
                for (int value = values.docValueCount(); value > 0; value--) {
                    fieldCounts[(int) values.nextOrd()]++;
                }
            }
        }
    }
}
