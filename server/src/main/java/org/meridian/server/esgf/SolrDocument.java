package org.meridian.server.esgf;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.meridian.catalog.AccessUrl;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.search.Hit;
import org.meridian.server.esgf.SolrValue.Count;
import org.meridian.server.esgf.SolrValue.Decimal;
import org.meridian.server.esgf.SolrValue.Flag;
import org.meridian.server.esgf.SolrValue.Quantity;
import org.meridian.server.esgf.SolrValue.Text;
import org.meridian.server.esgf.SolrValue.Timestamp;
import org.meridian.server.esgf.SolrValue.Values;

/**
 * One record as an ESGF index document (spec §4.1): the single-valued core fields as scalars of
 * their Solr type, every other field as an array even when it holds one value, since clients take
 * {@code checksum[0]} and would otherwise read the first character. Meridian's own fields
 * (visibility, access group, origin) are not part of the ESGF schema and are left out.
 */
record SolrDocument(List<Field> fields) {

    record Field(String name, SolrValue value) {
        Field {
            requireNonNull(name, "name is null");
            requireNonNull(value, "value is null");
        }
    }

    /** Fields every projection keeps: clients identify documents by id, and ESGF always adds score. */
    private static final Set<String> ALWAYS = Set.of("id", "score");

    SolrDocument {
        fields = List.copyOf(fields);
    }

    /**
     * The document for a hit.
     *
     * @param projection the fields the caller asked for; empty means all of them
     */
    static SolrDocument of(Hit hit, List<String> projection) {
        CatalogRecord record = hit.record();
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("id", new Text(record.id().value())));
        fields.add(new Field("type", new Text(record.type().label())));
        fields.add(new Field("master_id", new Text(record.masterId())));
        fields.add(new Field("instance_id", new Text(record.instanceId())));
        fields.add(new Field("version", new Text(record.version())));
        record.datasetId().ifPresent(id -> fields.add(new Field("dataset_id", new Text(id.value()))));
        fields.add(new Field("title", new Text(record.title())));
        fields.add(new Field("data_node", new Text(record.dataNode())));
        fields.add(new Field("index_node", new Text(record.indexNode())));
        fields.add(new Field("latest", new Flag(record.latest())));
        fields.add(new Field("replica", new Flag(record.replica())));
        fields.add(new Field("retracted", new Flag(record.retracted())));
        fields.add(new Field("size", new Quantity(record.size())));
        if (record.type() == RecordType.DATASET) {
            // pyesgf reads number_of_files from every dataset without checking it exists; a dataset
            // published without a count reports none rather than breaking the client.
            fields.add(new Field("number_of_files", new Count(record.numberOfFiles().orElse(0))));
        } else {
            record.numberOfFiles().ifPresent(count -> fields.add(new Field("number_of_files", new Count(count))));
        }
        record.numberOfAggregations().ifPresent(count ->
                fields.add(new Field("number_of_aggregations", new Count(count))));
        record.checksum().ifPresent(checksum -> {
            fields.add(new Field("checksum", Values.ofText(List.of(checksum.hex()))));
            fields.add(new Field("checksum_type", Values.ofText(List.of(checksum.algorithm().name()))));
        });
        if (!record.urls().isEmpty()) {
            fields.add(new Field("url", Values.ofText(record.urls().stream().map(AccessUrl::encoded).toList())));
        }
        fields.add(new Field("timestamp", new Timestamp(record.timestamp())));
        fields.add(new Field("_timestamp", new Timestamp(hit.cataloged())));
        // Solr's update version: a long that grows with each write of the document. The cataloged
        // instant in microseconds is one, as it is set anew each time the record is written.
        fields.add(new Field("_version_", new Quantity(ChronoUnit.MICROS.between(Instant.EPOCH, hit.cataloged()))));
        record.datetimeStart().ifPresent(start -> fields.add(new Field("datetime_start", new Timestamp(start))));
        record.datetimeStop().ifPresent(stop -> fields.add(new Field("datetime_stop", new Timestamp(stop))));
        record.geoBox().ifPresent(box -> {
            fields.add(new Field("west_degrees", new Decimal((float) box.west())));
            fields.add(new Field("south_degrees", new Decimal((float) box.south())));
            fields.add(new Field("east_degrees", new Decimal((float) box.east())));
            fields.add(new Field("north_degrees", new Decimal((float) box.north())));
        });
        record.attributes().forEach((name, values) -> fields.add(new Field(name, Values.ofText(values))));
        fields.add(new Field("score", new Decimal(hit.score())));
        if (projection.isEmpty()) {
            return new SolrDocument(fields);
        }
        Set<String> kept = new HashSet<>(projection);
        kept.addAll(ALWAYS);
        return new SolrDocument(fields.stream().filter(field -> kept.contains(field.name())).toList());
    }
}
