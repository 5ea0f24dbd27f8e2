package org.meridian.index.lucene;

import java.nio.file.Path;
import org.meridian.catalog.search.SearchIndex;
import org.meridian.catalog.search.SearchIndexContract;

class LuceneSearchIndexTest extends SearchIndexContract {

    @Override
    protected SearchIndex openIndex(Path directory) {
        return LuceneSearchIndex.open(directory);
    }
}
