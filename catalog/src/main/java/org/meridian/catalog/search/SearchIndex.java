package org.meridian.catalog.search;

import java.io.Closeable;
import java.util.List;
import java.util.Map;
import org.meridian.catalog.CatalogChange;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.Stage;

/**
 * A search index derived from the catalog's change log. The database is the system of record;
 * an index can always be rebuilt by applying the log from the start.
 *
 * <p>Contract (checked by {@code SearchIndexContract}):
 * <ul>
 *   <li>{@link #apply} takes changes in strictly increasing sequence order, each above
 *       {@link #appliedSequence()}; it throws {@link IllegalArgumentException} otherwise and
 *       changes nothing. Applied changes are visible to {@link #search} once {@link #refresh}
 *       or {@link #commit} returns (an implementation may show them sooner), so a caller
 *       applying many batches decides how often to pay for making them visible.</li>
 *   <li>{@link #commit} makes every applied change durable <em>together with</em> the sequence of
 *       the last one, atomically: after a crash, a reopened index reports exactly the sequence of
 *       its last commit and holds exactly the changes up to it, so replaying the log from there
 *       restores agreement with the database.</li>
 *   <li>{@link #close} does not commit: changes applied since the last commit are dropped, exactly
 *       as in a crash, and the log replays them after the index is reopened.</li>
 *   <li>An upsert replaces any record with the same id in the same stage; a removal of an absent
 *       record is a no-op. Stages are independent.</li>
 *   <li>{@link #load} adds records of a snapshot to an index that holds none of them yet, from any
 *       number of threads at once; loaded records are searchable after the next {@link #refresh}
 *       or {@link #commit}, and a later applied change to one of them replaces it.</li>
 *   <li>{@link #search} never returns or counts records outside the query's access scope.</li>
 *   <li>Facet values are listed in lexical order with counts ≥ 1; every requested facet appears.
 *       Hits are ordered by the query's sort order, ties broken by record id.</li>
 *   <li>Free-text syntax errors raise {@link InvalidQueryException} naming {@code query}.</li>
 * </ul>
 * Implementations are safe for concurrent searches while one thread applies changes.
 */
public interface SearchIndex extends Closeable {

    /** The sequence of the last change applied; 0 for an empty index. */
    long appliedSequence();

    /**
     * The sequence of the last change {@link #search} sees: at most {@link #appliedSequence()},
     * and equal to it after {@link #refresh} or {@link #commit}.
     */
    long searchableSequence();

    /** The sequence stored with the last {@link #commit}; 0 if never committed. */
    long committedSequence();

    /**
     * Whether the index holds documents an older version of the implementation wrote, in a form
     * some searches no longer match (a field added since, say). Such an index answers what it can
     * and should be rebuilt; an empty or rebuilt index is never outdated.
     */
    default boolean outdated() {
        return false;
    }

    /** Applies changes in order; they are searchable after the next {@link #refresh} or {@link #commit}. */
    void apply(List<? extends CatalogChange> changes);

    /** Makes every applied (and loaded) change searchable. */
    void refresh();

    /**
     * Adds records read from the catalog as of change {@code sequence} (every upsert in the batch
     * carries it), for building a new index: each (stage, id) must be absent from the index,
     * which is then not checked, and the records need not be searchable before the next
     * {@link #refresh} or {@link #commit}. Afterwards {@link #appliedSequence()} is
     * {@code sequence}; changes after it are then applied as usual. Safe to call from several
     * threads at once, but not while {@link #apply} runs.
     *
     * @throws IllegalArgumentException if an upsert's sequence is below {@link #appliedSequence()}
     *     or differs from the others in the batch; nothing is loaded then
     */
    void load(List<CatalogChange.Upsert> records);

    /** Makes all applied changes and their sequence durable, atomically, and searchable. */
    void commit();

    SearchResult search(Query query);

    /**
     * Number of records of each type in a stage, over all access groups; every type is present,
     * with 0 when the stage holds none of it.
     */
    Map<RecordType, Long> countByType(Stage stage);
}
