package org.meridian.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test data builder: {@code aDataset("CMIP6.CMIP.NCAR.CESM2.historical").withFacet(...).build()}. */
public final class RecordBuilder {
    private final RecordType type;
    private String masterId;
    private String version = "20190308";
    private boolean latest = true;
    private boolean replica;
    private boolean retracted;
    private String dataNode = "esgf-data.example.org";
    private String indexNode = "esgf-index.example.org";
    private String title;
    private RecordId datasetId;
    private long size = 1_000;
    private Integer numberOfFiles;
    private Checksum checksum;
    private final List<AccessUrl> urls = new ArrayList<>();
    private Instant timestamp = Instant.parse("2019-03-08T12:00:00Z");
    private Instant datetimeStart;
    private Instant datetimeStop;
    private GeoBox geoBox;
    private final Map<String, List<String>> attributes = new LinkedHashMap<>();
    private Visibility visibility = Visibility.FEDERATED;
    private String accessGroup;
    private String origin = "local";
    private String fileName;

    private RecordBuilder(RecordType type, String masterId) {
        this.type = type;
        this.masterId = masterId;
        this.title = masterId;
    }

    public static RecordBuilder aDataset(String masterId) {
        RecordBuilder builder = new RecordBuilder(RecordType.DATASET, masterId);
        builder.numberOfFiles = 1;
        builder.attributes.put("project", List.of("CMIP6"));
        return builder;
    }

    /** A file of the given dataset, named {@code fileName}. */
    public static RecordBuilder aFile(CatalogRecord dataset, String fileName) {
        RecordBuilder builder = new RecordBuilder(RecordType.FILE, dataset.masterId() + "." + fileName);
        builder.version = dataset.version();
        builder.dataNode = dataset.dataNode();
        builder.indexNode = dataset.indexNode();
        builder.datasetId = dataset.id();
        builder.title = fileName;
        builder.fileName = fileName;
        builder.checksum = new Checksum(Checksum.Algorithm.SHA256, "0".repeat(64));
        builder.attributes.putAll(dataset.attributes());
        builder.masterIdOfDataset = dataset.instanceId();
        return builder;
    }

    private String masterIdOfDataset;

    public RecordBuilder withVersion(String version) {
        this.version = version;
        return this;
    }

    public RecordBuilder withLatest(boolean latest) {
        this.latest = latest;
        return this;
    }

    public RecordBuilder withReplica(boolean replica) {
        this.replica = replica;
        return this;
    }

    public RecordBuilder withRetracted(boolean retracted) {
        this.retracted = retracted;
        if (retracted) {
            this.latest = false;
        }
        return this;
    }

    public RecordBuilder withDataNode(String dataNode) {
        this.dataNode = dataNode;
        return this;
    }

    public RecordBuilder withTitle(String title) {
        this.title = title;
        return this;
    }

    public RecordBuilder withSize(long size) {
        this.size = size;
        return this;
    }

    public RecordBuilder withChecksum(Checksum checksum) {
        this.checksum = checksum;
        return this;
    }

    public RecordBuilder withUrl(String url, String mimeType, String service) {
        urls.add(new AccessUrl(url, mimeType, service));
        return this;
    }

    public RecordBuilder withTimestamp(Instant timestamp) {
        this.timestamp = timestamp;
        return this;
    }

    public RecordBuilder withCoverage(Instant start, Instant stop) {
        this.datetimeStart = start;
        this.datetimeStop = stop;
        return this;
    }

    public RecordBuilder withGeoBox(GeoBox geoBox) {
        this.geoBox = geoBox;
        return this;
    }

    public RecordBuilder withFacet(String name, String... values) {
        attributes.put(name, List.of(values));
        return this;
    }

    public RecordBuilder withVisibility(Visibility visibility) {
        this.visibility = visibility;
        return this;
    }

    public RecordBuilder withAccessGroup(String accessGroup) {
        this.accessGroup = accessGroup;
        return this;
    }

    public RecordBuilder withOrigin(String origin) {
        this.origin = origin;
        return this;
    }

    public CatalogRecord build() {
        String instanceId = type == RecordType.DATASET
                ? masterId + ".v" + version
                : masterIdOfDataset + "." + fileName;
        String recordMasterId = type == RecordType.DATASET ? masterId : masterIdOfDataset.replaceAll("\\.v\\d+$", "") + "." + fileName;
        return new CatalogRecord(
                RecordId.of(instanceId + "|" + dataNode),
                type,
                recordMasterId,
                instanceId,
                version,
                latest,
                replica,
                retracted,
                dataNode,
                indexNode,
                title,
                Optional.ofNullable(datasetId),
                size,
                Optional.ofNullable(numberOfFiles),
                Optional.empty(),
                Optional.ofNullable(checksum),
                urls,
                timestamp,
                Optional.ofNullable(datetimeStart),
                Optional.ofNullable(datetimeStop),
                Optional.ofNullable(geoBox),
                attributes,
                visibility,
                Optional.ofNullable(accessGroup),
                origin);
    }
}
