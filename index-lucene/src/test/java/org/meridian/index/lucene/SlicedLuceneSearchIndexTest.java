package org.meridian.index.lucene;

import java.nio.file.Path;
import java.time.Clock;
import org.meridian.catalog.search.SearchIndex;
import org.meridian.catalog.search.SearchIndexContract;

/**
 * The SearchIndex contract again, with every search cut into three slices whatever the index's
 * size, so segments are split into partitions searched on several threads: counts, facets, paging
 * and sorting must come out exactly as from one thread.
 */
class SlicedLuceneSearchIndexTest extends SearchIndexContract {

    @Override
    protected SearchIndex openIndex(Path directory) {
        return LuceneSearchIndex.open(directory, Clock.systemUTC(), 3, 1);
    }
}
