package org.meridian.index.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
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
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.BytesRef;
import org.meridian.catalog.search.FacetCount;

/**
 * Counts, for each requested field, how many matching documents carry each value, from the
 * fields' sorted-set doc values. Within a segment it counts into an array indexed by the
 * segment's value ordinals; when a segment is done, the ordinals that were hit are looked up once
 * and their counts merged by value. Fields without such doc values (numbers, identifiers, fields
 * no document has) have no values.
 */
final class FacetCounter implements CollectorManager<FacetCounter.SliceCounter, Map<String, List<FacetCount>>> {
    private final List<String> fields;

    FacetCounter(List<String> fields) {
        // A facet requested twice is counted once; the result keeps the order of first request.
        this.fields = List.copyOf(new LinkedHashSet<>(fields));
    }

    @Override
    public SliceCounter newCollector() {
        return new SliceCounter(fields.size());
    }

    /** Values in lexical (UTF-8 byte, that is code point) order, as Solr lists them. */
    @Override
    public Map<String, List<FacetCount>> reduce(Collection<SliceCounter> counters) {
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
        return facets;
    }

    /** Counts the segments of one search slice. */
    final class SliceCounter implements Collector {
        private final List<Map<BytesRef, Long>> countsByValue = new ArrayList<>();

        private SliceCounter(int fieldCount) {
            for (int field = 0; field < fieldCount; field++) {
                countsByValue.add(new HashMap<>());
            }
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            return new SegmentCounter(context.reader());
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }

        /** Counts per ordinal in one segment; one array per field, null where a field has no values. */
        private final class SegmentCounter implements LeafCollector {
            private final SortedSetDocValues[] multiValued;
            private final SortedDocValues[] singleValued;
            private final int[][] counts;

            SegmentCounter(LeafReader reader) throws IOException {
                multiValued = new SortedSetDocValues[fields.size()];
                singleValued = new SortedDocValues[fields.size()];
                counts = new int[fields.size()][];
                for (int field = 0; field < fields.size(); field++) {
                    FieldInfo info = reader.getFieldInfos().fieldInfo(fields.get(field));
                    if (info == null
                            || (info.getDocValuesType() != DocValuesType.SORTED_SET
                                    && info.getDocValuesType() != DocValuesType.SORTED)) {
                        continue;
                    }
                    SortedSetDocValues values = DocValues.getSortedSet(reader, fields.get(field));
                    // A segment where no document has two values stores the field single-valued,
                    // which reads faster; attributes usually are.
                    singleValued[field] = DocValues.unwrapSingleton(values);
                    multiValued[field] = singleValued[field] == null ? values : null;
                    counts[field] = new int[Math.toIntExact(values.getValueCount())];
                }
            }

            @Override
            public void setScorer(Scorable scorer) {
                // Counting needs no scores.
            }

            @Override
            public void collect(int doc) throws IOException {
                for (int field = 0; field < counts.length; field++) {
                    SortedDocValues single = singleValued[field];
                    if (single != null) {
                        if (hasValue(single, doc)) {
                            counts[field][single.ordValue()]++;
                        }
                        continue;
                    }
                    SortedSetDocValues multi = multiValued[field];
                    if (multi != null && hasValue(multi, doc)) {
                        int[] fieldCounts = counts[field];
                        for (int value = multi.docValueCount(); value > 0; value--) {
                            fieldCounts[(int) multi.nextOrd()]++;
                        }
                    }
                }
            }

            /**
             * Every document in {@code [min, max)} matches (a match-all or dense filter over a
             * segment without deletions in that range): walk each field's doc values straight
             * through instead of probing them document by document.
             */
            @Override
            public void collectRange(int min, int max) throws IOException {
                for (int field = 0; field < counts.length; field++) {
                    SortedDocValues single = singleValued[field];
                    if (single != null) {
                        int[] fieldCounts = counts[field];
                        for (int doc = first(single, min); doc < max; doc = single.nextDoc()) {
                            fieldCounts[single.ordValue()]++;
                        }
                        continue;
                    }
                    SortedSetDocValues multi = multiValued[field];
                    if (multi != null) {
                        int[] fieldCounts = counts[field];
                        for (int doc = first(multi, min); doc < max; doc = multi.nextDoc()) {
                            for (int value = multi.docValueCount(); value > 0; value--) {
                                fieldCounts[(int) multi.nextOrd()]++;
                            }
                        }
                    }
                }
            }

            /**
             * Positions the values on {@code doc}. Collection may mix single documents and ranges,
             * and a range walk leaves the iterator on the first document with a value after the
             * range, so an iterator already past {@code doc} means {@code doc} has no value.
             */
            private static boolean hasValue(SortedDocValues values, int doc) throws IOException {
                int current = values.docID();
                return current == doc || (current < doc && values.advanceExact(doc));
            }

            private static boolean hasValue(SortedSetDocValues values, int doc) throws IOException {
                int current = values.docID();
                return current == doc || (current < doc && values.advanceExact(doc));
            }

            /** The first document at or after {@code min} with a value, without stepping back. */
            private static int first(DocIdSetIterator values, int min) throws IOException {
                int current = values.docID();
                return current >= min ? current : values.advance(min);
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
        }
    }
}
