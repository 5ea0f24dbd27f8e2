package org.meridian.index.lucene;

import java.time.Instant;
import org.meridian.catalog.RecordId;
import org.meridian.catalog.Stage;

/**
 * The Lucene fields a record becomes. Fields callers may name in a query or a constraint carry
 * their ESGF names; bookkeeping fields start with {@code _}, which no attribute name can (they
 * start with a letter), so an attribute never collides with them.
 */
final class IndexFields {
    /** Stage and id together: the term {@code updateDocument} replaces by. */
    static final String KEY = "_key";
    static final String STAGE = "_stage";
    /** {@code true} when the record has an access group, so public searches filter on one term. */
    static final String RESTRICTED = "_restricted";
    /** The canonical record JSON, stored only. */
    static final String SOURCE = "_source";
    /** The exact cataloged instant, stored only; {@link #CATALOGED} is its searchable twin. */
    static final String CATALOGED_INSTANT = "_cataloged";
    /** When this node cataloged the record, in microseconds; ESGF calls it {@code _timestamp}. */
    static final String CATALOGED = "_timestamp";
    /**
     * The names of the fields a record has that are neither keywords with doc values nor on every
     * record (today {@code url}), so {@code url:*} is one term, not a walk over every URL.
     */
    static final String PRESENT = "_present";
    /** {@code version} as a number, for numeric version bounds. */
    static final String VERSION_NUMBER = "_version_number";

    /** The analysed catch-all field bare query terms search. */
    static final String TEXT = "text";

    static final String ID = "id";
    static final String TYPE = "type";
    static final String MASTER_ID = "master_id";
    static final String INSTANCE_ID = "instance_id";
    static final String DATASET_ID = "dataset_id";
    static final String VERSION = "version";
    static final String LATEST = "latest";
    static final String REPLICA = "replica";
    static final String RETRACTED = "retracted";
    static final String DATA_NODE = "data_node";
    static final String INDEX_NODE = "index_node";
    static final String TITLE = "title";
    static final String VISIBILITY = "visibility";
    static final String ACCESS_GROUP = "access_group";
    static final String ORIGIN = "origin";
    static final String DATETIME_START = "datetime_start";
    static final String DATETIME_STOP = "datetime_stop";
    static final String WEST = "west_degrees";
    static final String SOUTH = "south_degrees";
    static final String EAST = "east_degrees";
    static final String NORTH = "north_degrees";
    static final String CHECKSUM = "checksum";
    static final String CHECKSUM_TYPE = "checksum_type";
    static final String URL = "url";
    static final String SIZE = "size";
    static final String NUMBER_OF_FILES = "number_of_files";
    static final String NUMBER_OF_AGGREGATIONS = "number_of_aggregations";
    static final String TIMESTAMP = "timestamp";

    /** How a field is indexed, which decides how a value or a range on it is matched. */
    enum Kind {
        /** Exact terms: attributes, ids, flags, names. */
        TERM,
        /** Whole numbers, as points. */
        WHOLE_NUMBER,
        /** Instants, as points in {@linkplain #microseconds microseconds}. */
        INSTANT,
        /** Degrees, as double points. */
        DEGREES
    }

    /** The kind of a field; anything not listed (every attribute) is a {@link Kind#TERM}. */
    static Kind kind(String field) {
        return switch (field) {
            case SIZE, NUMBER_OF_FILES, NUMBER_OF_AGGREGATIONS, VERSION_NUMBER -> Kind.WHOLE_NUMBER;
            case TIMESTAMP, CATALOGED, DATETIME_START, DATETIME_STOP -> Kind.INSTANT;
            case WEST, SOUTH, EAST, NORTH -> Kind.DEGREES;
            default -> Kind.TERM;
        };
    }

    private static final long MICROSECONDS_PER_SECOND = 1_000_000L;

    private IndexFields() {
    }

    static String key(Stage stage, RecordId id) {
        // Stage names contain no ':', so the first ':' ends the stage and any id follows unambiguously.
        return stage.name() + ":" + id.value();
    }

    /**
     * An instant as microseconds since the epoch: the precision of database timestamps, and a
     * range of ±292,000 years, enough for palaeoclimate coverage. Instants beyond that saturate.
     * Finer parts are truncated toward the past, so bounds compare exactly for database values.
     */
    static long microseconds(Instant instant) {
        try {
            long seconds = Math.multiplyExact(instant.getEpochSecond(), MICROSECONDS_PER_SECOND);
            return Math.addExact(seconds, instant.getNano() / 1_000);
        } catch (ArithmeticException overflow) {
            // Recover on purpose: such an instant is outside every range a query can express anyway.
            return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
