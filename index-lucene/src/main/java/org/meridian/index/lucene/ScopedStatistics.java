package org.meridian.index.lucene;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.ConjunctionUtils;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;
import org.meridian.catalog.Stage;
import org.meridian.catalog.search.AccessScope;

/**
 * The statistics relevance scores are computed from, counting only the documents one caller may
 * see ({@link QueryTranslator#visible}), so that their scores are those an index holding only
 * those documents would give. Lucene's own statistics count every document; BM25's idf would then
 * tell a caller how many hidden records hold a word that one visible record also holds.
 *
 * <p>What is counted:
 * <ul>
 *   <li>per term, the documents holding it and its occurrences: exactly those of the visible
 *       documents;</li>
 *   <li>per field, the documents holding it (BM25's idf divides by it): exactly the visible ones;
 *       and the documents in all (no similarity here reads it);</li>
 *   <li>per field, the terms and occurrences summed over documents ({@code sumDocFreq},
 *       {@code sumTotalTermFreq}, whose ratio to the document count is BM25's average length):
 *       the visible documents' count times the average over <em>every</em> document holding the
 *       field. Summing them over the visible documents alone would need every term's postings
 *       read, or each document's length stored; the average that remains is one number per
 *       field, the same whichever words any document holds, so it says nothing of a word.</li>
 * </ul>
 * Lucene's statistics include deleted documents until their segments merge, and so do these: a
 * deleted document counts where its indexed stage and group place it, as it would in an index
 * that had been sent only the visible documents' changes.
 *
 * <p>Cost: the documents are counted on whichever side is smaller, the hidden ones (usually: the
 * other stage and the restricted records of other groups) subtracted from Lucene's counts, or the
 * visible ones counted outright (a search of staging, which is small). A term's count walks its
 * postings together with those documents, so it costs about as many steps as the rarer of the two
 * holds: about a millisecond for a word in a twentieth of a million records, 2% of them hidden.
 * Field counts walk the counted documents once. Every count, and the choice of side, is
 * remembered per index snapshot and scope ({@link Cache}), so a search repeating recent words
 * pays nothing but the look-ups. Where nothing is hidden, there are no scoped statistics at all
 * (see {@link #of}).
 *
 * <p>An instance serves one search, on its searcher's snapshot.
 */
final class ScopedStatistics {
    /** Per index snapshot, the scopes whose side is remembered. */
    static final int SCOPES_REMEMBERED = 64;
    /** Per index snapshot, the field statistics remembered; a field and a scope per entry. */
    static final int FIELDS_REMEMBERED = 64;
    /** Per index snapshot, the term statistics remembered; a term and a scope per entry. */
    static final int TERMS_REMEMBERED = 1024;

    /** The documents counted: {@code visible} ones, or hidden ones to subtract from Lucene's counts. */
    record Side(org.apache.lucene.search.Query counted, boolean visible) {
        Side {
            requireNonNull(counted, "counted is null");
        }
    }

    /** The field statistics of one scope. */
    record FieldKey(Side side, String field) {
        FieldKey {
            requireNonNull(side, "side is null");
            requireNonNull(field, "field is null");
        }
    }

    /** The term statistics of one scope. */
    record TermKey(Side side, Term term) {
        TermKey {
            requireNonNull(side, "side is null");
            // A term's bytes may be shared with a query; the key keeps its own.
            term = new Term(term.field(), BytesRef.deepCopyOf(term.bytes()));
        }
    }

    /** What scoped statistics remember per index snapshot, across searches; thread-safe. */
    static final class Cache {
        /** Per hidden-documents query: which side is counted; empty when no document is hidden. */
        private final SnapshotCache<org.apache.lucene.search.Query, Optional<Side>> sides =
                new SnapshotCache<>(SCOPES_REMEMBERED);
        private final SnapshotCache<FieldKey, CollectionStatistics> fields = new SnapshotCache<>(FIELDS_REMEMBERED);
        private final SnapshotCache<TermKey, TermStatistics> terms = new SnapshotCache<>(TERMS_REMEMBERED);
    }

    private final IndexSearcher searcher;
    private final Side side;
    private final Cache cache;
    private Weight counted;

    private ScopedStatistics(IndexSearcher searcher, Side side, Cache cache) {
        this.searcher = requireNonNull(searcher, "searcher is null");
        this.side = requireNonNull(side, "side is null");
        this.cache = requireNonNull(cache, "cache is null");
    }

    /**
     * The statistics of what a caller searching {@code stage} with {@code access} may see on
     * {@code searcher}'s snapshot; empty when they may see every document (deleted ones included),
     * whose statistics are then Lucene's own, at no cost.
     */
    static Optional<ScopedStatistics> of(IndexSearcher searcher, Stage stage, AccessScope access, Cache cache)
            throws IOException {
        org.apache.lucene.search.Query hidden = QueryTranslator.hidden(stage, access);
        Optional<Side> side = cache.sides.get(searcher.getIndexReader(), hidden,
                () -> side(searcher, hidden, QueryTranslator.visible(stage, access)));
        return side.map(counted -> new ScopedStatistics(searcher, counted, cache));
    }

    private static Optional<Side> side(IndexSearcher searcher, org.apache.lucene.search.Query hidden,
            org.apache.lucene.search.Query visible) throws IOException {
        org.apache.lucene.search.Query rewritten = searcher.rewrite(hidden);
        Weight weight = searcher.createWeight(rewritten, ScoreMode.COMPLETE_NO_SCORES, 1);
        long cost = 0;
        boolean anyHidden = false;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            ScorerSupplier supplier = weight.scorerSupplier(leaf);
            if (supplier != null) {
                anyHidden = true;
                cost += supplier.cost();
            }
        }
        if (!anyHidden) {
            return Optional.empty();
        }
        // The cost is an upper bound on the hidden documents; both sides count exactly, so this
        // only chooses the cheaper one.
        return Optional.of(cost <= searcher.getIndexReader().maxDoc() / 2
                ? new Side(rewritten, false)
                : new Side(searcher.rewrite(visible), true));
    }

    /**
     * The visible documents holding {@code term} and its occurrences in them. The frequencies
     * Lucene hands a searcher are not used: they are the whole index's.
     *
     * <p>A term no visible document holds would not be in an index of only those documents, and
     * Lucene would not score it; here it is, in hidden ones, and {@link TermStatistics} needs a
     * positive count. It gets a count of 1, which changes no visible document's score, as none of
     * them matches the term.
     */
    TermStatistics termStatistics(Term term) throws IOException {
        return cache.terms.get(searcher.getIndexReader(), new TermKey(side, term), () -> count(term));
    }

    private TermStatistics count(Term term) throws IOException {
        long docFreq = 0;
        long totalTermFreq = 0;
        long countedDocs = 0;
        long countedFreq = 0;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            TermsEnum termsEnum = Terms.getTerms(leaf.reader(), term.field()).iterator();
            if (!termsEnum.seekExact(term.bytes())) {
                continue;
            }
            docFreq += termsEnum.docFreq();
            totalTermFreq += termsEnum.totalTermFreq();
            Scorer scorer = counted().scorer(leaf);
            if (scorer == null) {
                continue;
            }
            // Postings and scorer iterators list deleted documents too, as the statistics count them.
            PostingsEnum postings = termsEnum.postings(null, PostingsEnum.FREQS);
            DocIdSetIterator both = ConjunctionUtils.intersectIterators(List.of(postings, scorer.iterator()));
            for (int doc = both.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = both.nextDoc()) {
                countedDocs++;
                countedFreq += postings.freq();
            }
        }
        long visibleDocs = Math.max(1, side.visible() ? countedDocs : docFreq - countedDocs);
        long visibleFreq = Math.max(visibleDocs, side.visible() ? countedFreq : totalTermFreq - countedFreq);
        return new TermStatistics(BytesRef.deepCopyOf(term.bytes()), visibleDocs, visibleFreq);
    }

    /**
     * The statistics of {@code field} over the visible documents, given Lucene's over every
     * document ({@code whole}); see the class comment for what is counted exactly and what is
     * scaled. A field no visible document holds gets a count of 1, as a term does, since a term
     * of it that hidden documents hold is scored.
     */
    CollectionStatistics collectionStatistics(CollectionStatistics whole) throws IOException {
        return cache.fields.get(searcher.getIndexReader(), new FieldKey(side, whole.field()), () -> count(whole));
    }

    private CollectionStatistics count(CollectionStatistics whole) throws IOException {
        long countedDocs = 0;
        long countedWithField = 0;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            Scorer scorer = counted().scorer(leaf);
            if (scorer == null) {
                continue;
            }
            DocIdSetIterator docs = scorer.iterator();
            DocIdSetIterator holding = holding(leaf, whole.field());
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                countedDocs++;
                if (holding.docID() < doc) {
                    holding.advance(doc);
                }
                if (holding.docID() == doc) {
                    countedWithField++;
                }
            }
        }
        long maxDoc = Math.max(1, side.visible() ? countedDocs : whole.maxDoc() - countedDocs);
        long docCount = Math.min(maxDoc, Math.max(1,
                side.visible() ? countedWithField : whole.docCount() - countedWithField));
        long sumDocFreq = Math.max(docCount, scaled(whole.sumDocFreq(), docCount, whole.docCount()));
        long sumTotalTermFreq = Math.max(sumDocFreq, scaled(whole.sumTotalTermFreq(), docCount, whole.docCount()));
        return new CollectionStatistics(whole.field(), maxDoc, docCount, sumTotalTermFreq, sumDocFreq);
    }

    /**
     * The counted documents, weighed on first use: a search whose counts are all remembered
     * needs none. Weighed through the searcher, so the query cache may keep them as a bit set
     * per segment.
     */
    private synchronized Weight counted() throws IOException {
        if (counted == null) {
            counted = searcher.createWeight(side.counted(), ScoreMode.COMPLETE_NO_SCORES, 1);
        }
        return counted;
    }

    /** {@code sum} over {@code of} documents, taken over {@code documents} at the same average. */
    private static long scaled(long sum, long documents, long of) {
        return Math.round((double) sum * documents / of);
    }

    /**
     * The documents of {@code leaf} holding {@code field}, deleted ones included: all of them
     * when the segment says so, else those with norms or doc values in it (the text; every
     * keyword with doc values), else those holding any of its terms (a keyword indexed only,
     * such as {@code url}), which walks its terms but is cached by the query cache.
     */
    private DocIdSetIterator holding(LeafReaderContext leaf, String field) throws IOException {
        LeafReader reader = leaf.reader();
        Terms terms = Terms.getTerms(reader, field);
        if (terms.getDocCount() == reader.maxDoc()) {
            return DocIdSetIterator.all(reader.maxDoc());
        }
        if (terms.getDocCount() == 0) {
            return DocIdSetIterator.empty();
        }
        FieldInfo info = reader.getFieldInfos().fieldInfo(field);
        if (info.hasNorms()) {
            return reader.getNormValues(field);
        }
        if (info.getDocValuesType() != DocValuesType.NONE) {
            return FieldExistsQuery.getDocValuesDocIdSetIterator(field, reader);
        }
        org.apache.lucene.search.Query anyTerm = searcher.rewrite(new TermRangeQuery(field, null, null, true, true));
        Scorer scorer = searcher.createWeight(anyTerm, ScoreMode.COMPLETE_NO_SCORES, 1).scorer(leaf);
        return scorer == null ? DocIdSetIterator.empty() : scorer.iterator();
    }
}
