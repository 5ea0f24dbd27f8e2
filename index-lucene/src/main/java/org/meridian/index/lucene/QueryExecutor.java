package org.meridian.index.lucene;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.meridian.catalog.search.FacetCount;
import org.meridian.catalog.search.Hit;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SearchResult;
import org.meridian.catalog.search.SortOrder;

/**
 * Runs one {@link Query} on one searcher, in up to two passes:
 * <ol>
 *   <li>a counting pass over every match ({@link MatchCounter}) when the query wants facet counts,
 *       or a total or best score that the page cannot give; remembered per index snapshot;</li>
 *   <li>a page pass collecting the top {@code offset + limit} hits. When the first pass already
 *       knows the total, this pass may stop early and skip non-competitive documents (dynamic
 *       pruning); otherwise it counts every match exactly, as paging clients need.</li>
 * </ol>
 * Only the requested page is decoded from stored fields.
 *
 * <p>Deep pages: collecting the top {@code offset + limit} hits costs time and memory in
 * proportion to the offset, so a client walking a million matches page by page did quadratic
 * work. Where each page began and ended is therefore remembered per index snapshot (as the sort
 * values of the hit before it and of its last hit), and a later page of the same query and order
 * is collected with search-after from the nearest remembered point at or before its offset. On
 * the same snapshot the hits and their order are exactly those of the full collection.
 *
 * <p>Scores count only what the caller may see: a scored query runs on a searcher whose term and
 * field statistics are those of the documents in the caller's stage and access scope
 * ({@link ScopedStatistics}), so neither a score nor the order of hits says how many hidden
 * records hold a word. The caches stay correct: a query's scope is part of its Lucene query, so
 * of every key.
 */
final class QueryExecutor {
    /** Distinct counted queries remembered per snapshot. */
    static final int COUNTS_REMEMBERED = 32;
    /** Distinct paged queries whose page ends are remembered per snapshot. */
    static final int PAGED_QUERIES_REMEMBERED = 64;

    private final QueryTranslator translator;
    private final RecordDocuments documents;
    private final SlicedSearchers searchers;
    private final SnapshotCache<CountsKey, MatchCounter.Counts> counts = new SnapshotCache<>(COUNTS_REMEMBERED);
    private final SnapshotCache<PageKey, PageEnds> pageEnds = new SnapshotCache<>(PAGED_QUERIES_REMEMBERED);
    private final ScopedStatistics.Cache statistics = new ScopedStatistics.Cache();

    /** What counts depend on besides the snapshot. */
    record CountsKey(org.apache.lucene.search.Query query, List<String> facets, boolean scores) {
        CountsKey {
            requireNonNull(query, "query is null");
            facets = List.copyOf(facets);
        }
    }

    /** What the order of hits depends on besides the snapshot. */
    record PageKey(org.apache.lucene.search.Query query, SortOrder sort, boolean scored) {
        PageKey {
            requireNonNull(query, "query is null");
            requireNonNull(sort, "sort is null");
        }
    }

    /** @param searchers what made the searchers this executor is given, to make scoped ones alike */
    QueryExecutor(QueryTranslator translator, RecordDocuments documents, SlicedSearchers searchers) {
        this.translator = requireNonNull(translator, "translator is null");
        this.documents = requireNonNull(documents, "documents is null");
        this.searchers = requireNonNull(searchers, "searchers is null");
    }

    SearchResult execute(IndexSearcher unscoped, Query query) throws IOException {
        org.apache.lucene.search.Query lucene = translator.translate(query);
        boolean scored = query.text().isPresent();
        // Unscored queries compute no statistics, so they need no scoped ones.
        IndexSearcher searcher = scored ? scoped(unscoped, query) : unscoped;
        int maxDoc = searcher.getIndexReader().maxDoc();
        boolean wantsPage = query.limit() > 0 && query.offset() < maxDoc;
        // A relevance-ordered first page starts with the best match, so its first score is the best.
        boolean pageGivesMaxScore = wantsPage && scored && query.sort() == SortOrder.RELEVANCE && query.offset() == 0;
        boolean countsMaxScore = scored && !pageGivesMaxScore;

        MatchCounter.Counts counts = null;
        if (!query.facets().isEmpty() || !wantsPage || countsMaxScore) {
            counts = query.facets().isEmpty() && !countsMaxScore
                    // Counting alone can often be answered from index statistics.
                    ? new MatchCounter.Counts(searcher.count(lucene), 0, Map.of())
                    : this.counts.get(searcher.getIndexReader(), new CountsKey(lucene, query.facets(), countsMaxScore),
                            () -> searcher.search(lucene, new MatchCounter(query.facets(), countsMaxScore)));
        }
        TopDocs top = null;
        if (wantsPage) {
            PageEnds ends = pageEnds.get(searcher.getIndexReader(), new PageKey(lucene, query.sort(), scored), PageEnds::new);
            PageEnds.End start = ends.atOrBefore(query.offset());
            int skip = query.offset() - start.offset();
            int numHits = (int) Math.min((long) skip + query.limit(), maxDoc);
            int exactCountUpTo = counts == null ? Integer.MAX_VALUE : numHits;
            // Past the start, the hit just before the page comes too: where this page begins, so
            // asking for it again (or paging back to it) is as cheap as the page after it.
            int lead = skip > 0 ? 1 : 0;
            top = searcher.search(lucene, new PageCollectorManager(new TopFieldCollectorManager(
                    QueryTranslator.sort(query.sort(), scored), numHits, start.lastHit(), exactCountUpTo),
                    skip - lead, query.limit() + lead));
            ScoreDoc[] page = top.scoreDocs;
            if (lead > 0 && page.length > 0) {
                ends.remember(query.offset(), (FieldDoc) page[0]);
                page = Arrays.copyOfRange(page, 1, page.length);
                top = new TopDocs(top.totalHits, page);
            }
            if (page.length > 0) {
                ends.remember(query.offset() + page.length, (FieldDoc) page[page.length - 1]);
            }
        }

        long total = counts != null ? counts.total() : top.totalHits.value();
        float maxScore;
        if (total == 0) {
            maxScore = 0;
        } else if (!scored) {
            maxScore = 1;
        } else if (pageGivesMaxScore) {
            maxScore = relevanceScore(top.scoreDocs[0]);
        } else {
            maxScore = counts.maxScore();
        }
        List<Hit> hits = top == null ? List.of() : hits(searcher, lucene, query, scored, top);
        Map<String, List<FacetCount>> facets = counts == null ? Map.of() : counts.facets();
        return new SearchResult(total, query.offset(), hits, maxScore, facets);
    }

    private IndexSearcher scoped(IndexSearcher unscoped, Query query) throws IOException {
        Optional<ScopedStatistics> scoped = ScopedStatistics.of(unscoped, query.stage(), query.access(), statistics);
        return scoped.isPresent() ? searchers.scoring(unscoped, scoped.get()) : unscoped;
    }

    private List<Hit> hits(IndexSearcher searcher, org.apache.lucene.search.Query lucene, Query query, boolean scored,
            TopDocs top) throws IOException {
        ScoreDoc[] page = top.scoreDocs;
        boolean sortedByScore = scored && query.sort() == SortOrder.RELEVANCE;
        if (scored && !sortedByScore) {
            // Sorting by time or id computes no scores; score the page only.
            TopFieldCollector.populateScores(page, searcher, lucene);
        }
        StoredFields stored = searcher.storedFields();
        List<Hit> hits = new ArrayList<>(page.length);
        for (ScoreDoc doc : page) {
            // Unscored queries match with a constant score of 1 (see QueryTranslator#translate).
            float score = sortedByScore ? relevanceScore(doc) : scored ? doc.score : 1;
            hits.add(documents.hit(stored.document(doc.doc, RecordDocuments.STORED_FIELDS), score));
        }
        return hits;
    }

    /** The score a relevance-sorted hit was ordered by: its first sort value. */
    private static float relevanceScore(ScoreDoc doc) {
        return (Float) ((FieldDoc) doc).fields[0];
    }

    /**
     * The top {@code offset + limit} hits, of which only the page is materialised. Lucene's hit
     * queue pops worst first, so taking the page is cheap however deep it is, whereas listing all
     * hits would compare and decode every one of them again.
     */
    private record PageCollectorManager(TopFieldCollectorManager top, int offset, int limit)
            implements CollectorManager<TopFieldCollector, TopDocs> {

        @Override
        public TopFieldCollector newCollector() {
            return top.newCollector();
        }

        @Override
        public TopDocs reduce(Collection<TopFieldCollector> collectors) throws IOException {
            if (collectors.size() == 1) {
                return collectors.iterator().next().topDocs(offset, limit);
            }
            TopFieldDocs merged = top.reduce(collectors);
            int end = (int) Math.min((long) offset + limit, merged.scoreDocs.length);
            ScoreDoc[] page = Arrays.copyOfRange(merged.scoreDocs, Math.min(offset, end), end);
            return new TopDocs(merged.totalHits, page);
        }
    }
}
