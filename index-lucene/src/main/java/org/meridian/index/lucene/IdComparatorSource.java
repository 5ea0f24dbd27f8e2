package org.meridian.index.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.FieldComparator;
import org.apache.lucene.search.FieldComparatorSource;
import org.apache.lucene.search.LeafFieldComparator;
import org.apache.lucene.search.Pruning;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;

/**
 * Orders hits by record id from the id's sorted doc values, for the id tie-break every sort
 * order ends with (and for id order itself).
 *
 * <p>Why not Lucene's {@code SortField.Type.STRING}: its comparator re-resolves the weakest
 * queued hit's id in the current segment (a terms-dictionary search) every time that hit
 * changes, and copies each queued hit's id bytes. As a tie-break after the cataloged time, on an
 * index built in change-log order, every document displaces the weakest hit, so a newest-first
 * page over 200k records spent ~0.45 s there and ~9 ms without it. This comparator does the same
 * work lazily: ids are read and resolved only when two hits actually tie on everything before the
 * id, which for a time order is almost never.
 */
final class IdComparatorSource extends FieldComparatorSource {

    @Override
    public FieldComparator<BytesRef> newComparator(String field, int numHits, Pruning pruning, boolean reversed) {
        return new IdComparator(field, numHits);
    }

    /** Queued hits are remembered as (segment, ordinal); their bytes are read only when needed. */
    private static final class IdComparator extends FieldComparator<BytesRef> {
        private final String field;
        private final int[] segments;
        private final int[] ordinals;
        private final BytesRefBuilder[] values;
        private final boolean[] valueRead;
        /** Per segment seen so far, doc values used only to look ordinals up. */
        private final List<SortedDocValues> dictionaries = new ArrayList<>();
        /**
         * The weakest queued hit. It outlives a segment: Lucene tells a segment's comparator only
         * when the weakest hit changes, not what it is when the segment starts.
         */
        private int bottomSlot = -1;
        private BytesRef top;

        IdComparator(String field, int numHits) {
            this.field = field;
            this.segments = new int[numHits];
            this.ordinals = new int[numHits];
            this.values = new BytesRefBuilder[numHits];
            this.valueRead = new boolean[numHits];
        }

        @Override
        public int compare(int slot1, int slot2) {
            if (segments[slot1] == segments[slot2]) {
                return Integer.compare(ordinals[slot1], ordinals[slot2]);
            }
            return value(slot1).compareTo(value(slot2));
        }

        @Override
        public void setTopValue(BytesRef value) {
            top = value;
        }

        @Override
        public BytesRef value(int slot) {
            if (!valueRead[slot]) {
                if (values[slot] == null) {
                    values[slot] = new BytesRefBuilder();
                }
                try {
                    values[slot].copyBytes(dictionaries.get(segments[slot]).lookupOrd(ordinals[slot]));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read a record id from the index", e);
                }
                valueRead[slot] = true;
            }
            return values[slot].get();
        }

        @Override
        public LeafFieldComparator getLeafComparator(LeafReaderContext context) throws IOException {
            dictionaries.add(DocValues.getSorted(context.reader(), field));
            return new Leaf(dictionaries.size() - 1, DocValues.getSorted(context.reader(), field));
        }

        /** One segment's view; it resolves the bottom and top ids against this segment's ordinals. */
        private final class Leaf implements LeafFieldComparator {
            private final int segment;
            private final SortedDocValues ids;
            private boolean bottomResolved;
            /** The bottom's ordinal here, or the ordinal just below it when this segment lacks it. */
            private int bottomOrdinal;
            private boolean bottomExact;
            private boolean topResolved;
            private int topOrdinal;
            private boolean topExact;

            Leaf(int segment, SortedDocValues ids) {
                this.segment = segment;
                this.ids = ids;
            }

            @Override
            public void setBottom(int slot) {
                bottomSlot = slot;
                bottomResolved = false;
            }

            @Override
            public int compareBottom(int doc) throws IOException {
                if (!bottomResolved) {
                    if (segments[bottomSlot] == segment) {
                        bottomOrdinal = ordinals[bottomSlot];
                        bottomExact = true;
                    } else {
                        int found = ids.lookupTerm(value(bottomSlot));
                        bottomExact = found >= 0;
                        bottomOrdinal = bottomExact ? found : -found - 2;
                    }
                    bottomResolved = true;
                }
                return compareResolved(bottomOrdinal, bottomExact, ordinal(doc));
            }

            @Override
            public int compareTop(int doc) throws IOException {
                if (!topResolved) {
                    int found = ids.lookupTerm(top);
                    topExact = found >= 0;
                    topOrdinal = topExact ? found : -found - 2;
                    topResolved = true;
                }
                return compareResolved(topOrdinal, topExact, ordinal(doc));
            }

            @Override
            public void copy(int slot, int doc) throws IOException {
                segments[slot] = segment;
                ordinals[slot] = ordinal(doc);
                valueRead[slot] = false;
            }

            @Override
            public void setScorer(Scorable scorer) {
                // Ids need no scores.
            }

            private int ordinal(int doc) throws IOException {
                if (ids.docID() == doc || ids.advanceExact(doc)) {
                    return ids.ordValue();
                }
                throw new IllegalStateException("document " + doc + " has no record id; rebuild the index");
            }

            /**
             * Compares a resolved id with a document's ordinal. An inexact id lies strictly
             * between {@code resolved} and the next ordinal, so it is above every ordinal up to
             * {@code resolved} and below every later one.
             */
            private static int compareResolved(int resolved, boolean exact, int ordinal) {
                if (exact) {
                    return Integer.compare(resolved, ordinal);
                }
                return ordinal <= resolved ? 1 : -1;
            }
        }
    }
}
