package org.meridian.index.lucene;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.util.BytesRef;
import org.meridian.catalog.CatalogChange;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.Stage;
import org.meridian.catalog.search.Hit;
import org.meridian.catalog.search.Query;

/**
 * Turns a record into its Lucene document and a stored document back into a {@link Hit}.
 *
 * <p>Every named field is an exact, case-sensitive keyword term, so any of them can be constrained.
 * Keywords also get sorted-set doc values, so any attribute (and type, flags, nodes, dataset id,
 * checksum type, …) can be counted as a facet; the near-unique ids, title, checksum and access URLs
 * ({@link Query#UNCOUNTABLE_FIELDS}) do not, as counting them means nothing and their doc values
 * would be the bulk of the index. The words of the title, the ids, all attribute values, the type,
 * version, index node and checksum also go into the analysed {@code text} field. Catalog and
 * coverage times, the numeric version and the spatial box are points with doc values (they sort
 * or bound searches); sizes, counts and the
 * record timestamp are points only ({@link IndexFields#kind}). The record itself is stored once, as
 * its canonical JSON, and decoded only for the hits of the requested page.
 */
final class RecordDocuments {
    /** What a hit needs from the stored fields; nothing else is stored. */
    static final Set<String> STORED_FIELDS = Set.of(IndexFields.SOURCE, IndexFields.CATALOGED_INSTANT);

    /** ESGF versions are dates (YYYYMMDD), sometimes written with a leading {@code v}. */
    private static final Pattern NUMERIC_VERSION = Pattern.compile("[vV]?(\\d{1,18})");

    private final RecordJson json;

    RecordDocuments(RecordJson json) {
        this.json = requireNonNull(json, "json is null");
    }

    Document document(CatalogChange.Upsert upsert) {
        Stage stage = upsert.stage();
        CatalogRecord record = upsert.record();
        Instant cataloged = upsert.cataloged();
        Document document = new Document();
        document.add(new StringField(IndexFields.KEY, IndexFields.key(stage, record.id()), Field.Store.NO));
        document.add(new StringField(IndexFields.STAGE, stage.name(), Field.Store.NO));
        document.add(new StringField(IndexFields.RESTRICTED, Boolean.toString(!record.isPublic()), Field.Store.NO));

        // The id sorts (the tie-break of every order), so it has single-valued sorted doc values.
        BytesRef id = new BytesRef(record.id().value());
        document.add(new StringField(IndexFields.ID, id, Field.Store.NO));
        document.add(new SortedDocValuesField(IndexFields.ID, id));
        term(document, IndexFields.TYPE, record.type().label());
        term(document, IndexFields.MASTER_ID, record.masterId());
        term(document, IndexFields.INSTANCE_ID, record.instanceId());
        record.datasetId().ifPresent(datasetId -> term(document, IndexFields.DATASET_ID, datasetId.value()));
        term(document, IndexFields.VERSION, record.version());
        term(document, IndexFields.LATEST, Boolean.toString(record.latest()));
        term(document, IndexFields.REPLICA, Boolean.toString(record.replica()));
        term(document, IndexFields.RETRACTED, Boolean.toString(record.retracted()));
        term(document, IndexFields.DATA_NODE, record.dataNode());
        term(document, IndexFields.INDEX_NODE, record.indexNode());
        term(document, IndexFields.TITLE, record.title());
        term(document, IndexFields.VISIBILITY, record.visibility().name());
        term(document, IndexFields.ORIGIN, record.origin());
        record.accessGroup().ifPresent(group -> term(document, IndexFields.ACCESS_GROUP, group));
        record.checksum().ifPresent(checksum -> {
            term(document, IndexFields.CHECKSUM, checksum.hex());
            term(document, IndexFields.CHECKSUM_TYPE, checksum.algorithm().name());
        });
        record.urls().forEach(url -> term(document, IndexFields.URL, url.encoded()));
        if (!record.urls().isEmpty()) {
            document.add(new StringField(IndexFields.PRESENT, IndexFields.URL, Field.Store.NO));
        }
        record.attributes().forEach((name, values) -> values.forEach(value -> term(document, name, value)));

        text(document, record.title());
        text(document, record.id().value());
        textUnlessLeadingPartOf(document, record.masterId(), record.id().value());
        textUnlessLeadingPartOf(document, record.instanceId(), record.id().value());
        record.datasetId().ifPresent(datasetId -> text(document, datasetId.value()));
        record.attributes().values().forEach(values -> values.forEach(value -> text(document, value)));
        // The other single words a record carries, so a bare term finds them as it finds the rest
        // (ESGF's text is a copy of every field). URLs are left out: their words are the dataset
        // id, the file name and the data node, which the ids hold already.
        text(document, record.type().label());
        text(document, record.version());
        versionNumber(record.version()).map(String::valueOf).filter(number -> !number.equals(record.version()))
                .ifPresent(number -> text(document, number));
        text(document, record.indexNode());
        record.checksum().ifPresent(checksum -> {
            text(document, checksum.hex());
            text(document, checksum.algorithm().name());
        });

        document.add(new LongField(IndexFields.CATALOGED, IndexFields.microseconds(cataloged), Field.Store.NO));
        // Matched only, never sorted or counted: points without doc values, which cost less to index.
        document.add(new LongPoint(IndexFields.TIMESTAMP, IndexFields.microseconds(record.timestamp())));
        document.add(new LongPoint(IndexFields.SIZE, record.size()));
        record.numberOfFiles().ifPresent(count -> document.add(new LongPoint(IndexFields.NUMBER_OF_FILES, count)));
        record.numberOfAggregations().ifPresent(count ->
                document.add(new LongPoint(IndexFields.NUMBER_OF_AGGREGATIONS, count)));
        record.datetimeStart().ifPresent(start ->
                document.add(new LongField(IndexFields.DATETIME_START, IndexFields.microseconds(start), Field.Store.NO)));
        record.datetimeStop().ifPresent(stop ->
                document.add(new LongField(IndexFields.DATETIME_STOP, IndexFields.microseconds(stop), Field.Store.NO)));
        versionNumber(record.version()).ifPresent(number ->
                document.add(new LongField(IndexFields.VERSION_NUMBER, number, Field.Store.NO)));
        record.geoBox().ifPresent(box -> {
            document.add(new DoubleField(IndexFields.WEST, box.west(), Field.Store.NO));
            document.add(new DoubleField(IndexFields.SOUTH, box.south(), Field.Store.NO));
            document.add(new DoubleField(IndexFields.EAST, box.east(), Field.Store.NO));
            document.add(new DoubleField(IndexFields.NORTH, box.north(), Field.Store.NO));
        });

        document.add(new StoredField(IndexFields.SOURCE, upsert.document()));
        document.add(new StoredField(IndexFields.CATALOGED_INSTANT, cataloged.toString()));
        return document;
    }

    /** The hit for a document read with {@link #STORED_FIELDS}. */
    Hit hit(Document stored, float score) {
        String source = stored.get(IndexFields.SOURCE);
        String cataloged = stored.get(IndexFields.CATALOGED_INSTANT);
        if (source == null || cataloged == null) {
            throw new IllegalStateException("index document lacks its stored record; rebuild the index");
        }
        return new Hit(json.read(source), Instant.parse(cataloged), score);
    }

    /** The number a version denotes, if it is one (YYYYMMDD, optionally {@code v}-prefixed). */
    static Optional<Long> versionNumber(String version) {
        var matcher = NUMERIC_VERSION.matcher(version);
        return matcher.matches() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
    }

    /**
     * An exact term; with doc values, so it can be counted, unless the field is one of
     * {@link Query#UNCOUNTABLE_FIELDS}, whose doc values would be the bulk of the index.
     */
    private static void term(Document document, String field, String value) {
        indexableTerm(value).ifPresent(term -> document.add(Query.UNCOUNTABLE_FIELDS.contains(field)
                ? new StringField(field, term, Field.Store.NO)
                // One field that is both the term and its doc value: Lucene processes it once, not twice.
                : new KeywordField(field, term, Field.Store.NO)));
    }

    private static Optional<BytesRef> indexableTerm(String value) {
        BytesRef term = new BytesRef(value);
        // Lucene cannot index a term (or a doc value) longer than this. Such values are prose,
        // not facet values: the record still holds them and their words are in the text field;
        // they just cannot be matched exactly or counted.
        return term.length <= IndexWriter.MAX_TERM_LENGTH ? Optional.of(term) : Optional.empty();
    }

    /**
     * Adds {@code value} to the text unless {@code id} starts with it, up to a separator: ESGF ids
     * are the instance id (the master id and a version) and the data node, so those words are in
     * the text already, in the same order, and a phrase of them matches there. Indexing them
     * twice more cost a tenth of the text field's indexing time for no match it did not have.
     */
    private static void textUnlessLeadingPartOf(Document document, String value, String id) {
        boolean leadingPart = id.startsWith(value)
                && (id.length() == value.length() || TextAnalyzer.isSeparator(id.charAt(value.length())));
        if (!leadingPart) {
            text(document, value);
        }
    }

    private static void text(Document document, String value) {
        document.add(new TextField(IndexFields.TEXT, value, Field.Store.NO));
    }
}
