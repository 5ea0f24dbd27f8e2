package org.meridian.index.lucene;

import java.io.IOException;
import java.util.Collection;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * The highest score of any match, 0 when nothing matches. Needed when the page does not start
 * with the best match: a page sorted by something other than relevance, or no page at all.
 */
final class MaxScoreCollectorManager implements CollectorManager<MaxScoreCollectorManager.MaxScoreCollector, Float> {

    @Override
    public MaxScoreCollector newCollector() {
        return new MaxScoreCollector();
    }

    @Override
    public Float reduce(Collection<MaxScoreCollector> collectors) {
        float max = 0;
        for (MaxScoreCollector collector : collectors) {
            max = Math.max(max, collector.max);
        }
        return max;
    }

    static final class MaxScoreCollector implements Collector {
        private float max;

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) {
            return new LeafCollector() {
                private Scorable scorer;

                @Override
                public void setScorer(Scorable scorer) {
                    this.scorer = scorer;
                }

                @Override
                public void collect(int doc) throws IOException {
                    max = Math.max(max, scorer.score());
                }
            };
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE;
        }
    }
}
