package org.meridian.index.lucene;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHitCountCollectorManager;
import org.meridian.catalog.search.FacetCount;
import org.meridian.catalog.search.Hit;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SearchResult;
import org.meridian.catalog.search.SortOrder;

/**
 * Runs one {@link Query} on one searcher in a single pass over the matches, collecting only what
 * the query asks for: the top {@code offset + limit} hits (with an exact total), facet counts,
 * and the best score when the page does not already start with it. Only the requested page is
 * decoded from stored fields.
 */
final class QueryExecutor {
    private final QueryTranslator translator;
    private final RecordDocuments documents;

    QueryExecutor(QueryTranslator translator, RecordDocuments documents) {
        this.translator = requireNonNull(translator, "translator is null");
        this.documents = requireNonNull(documents, "documents is null");
    }

    SearchResult execute(IndexSearcher searcher, Query query) throws IOException {
        org.apache.lucene.search.Query lucene = translator.translate(query);
        boolean scored = query.text().isPresent();
        int maxDoc = searcher.getIndexReader().maxDoc();
        boolean wantsPage = query.limit() > 0 && query.offset() < maxDoc;
        boolean maxScoreFromPage = wantsPage && scored && query.sort() == SortOrder.RELEVANCE;

        List<CollectorManager<?, ?>> managers = new ArrayList<>();
        TopFieldCollectorManager page = null;
        if (wantsPage) {
            int numHits = (int) Math.min((long) query.offset() + query.limit(), maxDoc);
            // An unbounded threshold keeps the total exact, which paging clients rely on.
            page = new TopFieldCollectorManager(QueryTranslator.sort(query.sort(), scored), numHits, null,
                    Integer.MAX_VALUE);
            managers.add(page);
        }
        TotalHitCountCollectorManager count = null;
        if (!wantsPage) {
            count = new TotalHitCountCollectorManager(searcher.getSlices());
            managers.add(count);
        }
        FacetCounter facets = null;
        if (!query.facets().isEmpty()) {
            facets = new FacetCounter(query.facets());
            managers.add(facets);
        }
        MaxScoreCollectorManager maxScore = null;
        if (scored && !maxScoreFromPage) {
            maxScore = new MaxScoreCollectorManager();
            managers.add(maxScore);
        }

        Object[] results;
        if (managers.size() == 1 && count != null) {
            // Counting alone can often be answered from index statistics without visiting matches.
            results = new Object[] {searcher.count(lucene)};
        } else {
            results = searcher.search(lucene, new MultiCollectorManager(managers.toArray(CollectorManager[]::new)));
        }

        TopFieldDocs top = page == null ? null : (TopFieldDocs) results[managers.indexOf(page)];
        long total = top != null ? top.totalHits.value() : (Integer) results[managers.indexOf(count)];
        List<Hit> hits = top == null ? List.of() : hits(searcher, lucene, query, scored, top);
        float best;
        if (total == 0) {
            best = 0;
        } else if (!scored) {
            best = 1;
        } else if (maxScoreFromPage) {
            best = relevanceScore(top.scoreDocs[0]);
        } else {
            best = (Float) results[managers.indexOf(maxScore)];
        }
        @SuppressWarnings("unchecked")
        Map<String, List<FacetCount>> facetCounts = facets == null
                ? Map.of()
                : (Map<String, List<FacetCount>>) results[managers.indexOf(facets)];
        return new SearchResult(total, query.offset(), hits, best, facetCounts);
    }

    private List<Hit> hits(IndexSearcher searcher, org.apache.lucene.search.Query lucene, Query query, boolean scored,
            TopFieldDocs top) throws IOException {
        ScoreDoc[] page = Arrays.copyOfRange(top.scoreDocs, Math.min(query.offset(), top.scoreDocs.length),
                top.scoreDocs.length);
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
}
