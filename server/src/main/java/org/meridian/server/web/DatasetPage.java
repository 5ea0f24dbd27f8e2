package org.meridian.server.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.meridian.catalog.AccessUrl;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.RecordId;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.search.Hit;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SearchResult;
import org.springframework.web.util.UriUtils;

/**
 * What a dataset's page shows: its metadata, how to reach it, one page of its files, its other
 * versions and its copies on other data nodes.
 *
 * @param latestHref for an outdated or retracted version, the newest version still offered
 * @param wgetHref a download script for all the dataset's files, when it has any
 * @param aggregations the dataset's Aggregation records (as many as the page lists)
 * @param allAggregationsHref a search listing all of them, when the page lists only some
 */
record DatasetPage(
        CatalogRecord dataset,
        String size,
        List<MetadataRow> metadata,
        List<Access> access,
        List<FileRow> files,
        Paging filesPaging,
        List<VersionRow> versions,
        List<ReplicaRow> replicas,
        Optional<String> latestHref,
        Optional<String> wgetHref,
        List<AggregationRow> aggregations,
        Optional<String> allAggregationsHref) {

    static final String PATH = "/datasets/";

    /** One metadata field; values that are web addresses become links. */
    record MetadataRow(String name, List<Value> values) {
    }

    record Value(String text, Optional<String> href) {
    }

    /** One access URL; {@code linkable} when a browser can follow it (http or https). */
    record Access(String service, String mimeType, String url, boolean linkable) {
    }

    record FileRow(String name, String id, long bytes, String size, Optional<String> checksumType,
            Optional<String> checksum, Optional<String> downloadHref, Optional<String> opendapHref) {
    }

    /**
     * One version of the dataset.
     *
     * @param current the version this page shows
     * @param copies how many data nodes hold this version
     */
    record VersionRow(String version, String instanceId, boolean latest, boolean retracted, boolean current,
            int copies, String href) {
    }

    record ReplicaRow(String dataNode, String id, boolean replica, String href) {
    }

    /** An Aggregation record of the dataset (ESGF: one virtual file over several, usually served by OPeNDAP). */
    record AggregationRow(String title, String id, List<Access> access) {
        AggregationRow {
            access = List.copyOf(access);
        }
    }

    DatasetPage {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(size, "size is null");
        metadata = List.copyOf(metadata);
        access = List.copyOf(access);
        files = List.copyOf(files);
        requireNonNull(filesPaging, "filesPaging is null");
        versions = List.copyOf(versions);
        replicas = List.copyOf(replicas);
        requireNonNull(latestHref, "latestHref is null");
        requireNonNull(wgetHref, "wgetHref is null");
        aggregations = List.copyOf(aggregations);
        requireNonNull(allAggregationsHref, "allAggregationsHref is null");
    }

    /** "1 file", "1,200 files", when the record says how many. */
    public Optional<String> fileCount() {
        return dataset.numberOfFiles().map(files -> new Count(files).of("file", "files"));
    }

    /** What the wget link downloads: every file, or as many as one script lists. */
    public String wgetWords() {
        if (filesPaging.total() > Query.MAX_LIMIT) {
            return "to download the first " + new Count(Query.MAX_LIMIT).grouped() + " of this dataset's " + fileTotal()
                    + " (the most one script lists)";
        }
        return "to download this dataset's " + fileTotal();
    }

    /** How many files this node lists for the dataset: "1 file", "30 files". */
    public String fileTotal() {
        return new Count(filesPaging.total()).of("file", "files");
    }

    /** The page's address; the id is one path segment, its {@code |} and any slash escaped. */
    static String href(RecordId id) {
        return PATH + UriUtils.encodePathSegment(id.value(), UTF_8);
    }

    /**
     * @param files one page of the dataset's files
     * @param family every record sharing the dataset's master_id: all versions on all data nodes
     * @param aggregations the dataset's Aggregation records, or the first of them
     */
    static DatasetPage of(CatalogRecord dataset, List<Hit> files, Paging filesPaging, List<CatalogRecord> family,
            SearchResult aggregations) {
        List<VersionRow> versions = versions(dataset, family);
        Optional<String> latestHref = dataset.latest()
                ? Optional.empty()
                : family.stream().filter(CatalogRecord::latest)
                        .min(Comparator.comparing((CatalogRecord other) -> !other.dataNode().equals(dataset.dataNode()))
                                .thenComparing(CatalogRecord::replica).thenComparing(CatalogRecord::id))
                        .map(latest -> href(latest.id()));
        List<ReplicaRow> replicas = family.stream()
                .filter(other -> other.instanceId().equals(dataset.instanceId()) && !other.id().equals(dataset.id()))
                .sorted(Comparator.comparing(CatalogRecord::replica).thenComparing(CatalogRecord::dataNode))
                .map(other -> new ReplicaRow(other.dataNode(), other.id().value(), other.replica(), href(other.id())))
                .toList();
        return new DatasetPage(dataset, new ByteSize(dataset.size()).human(), metadata(dataset),
                dataset.urls().stream().map(DatasetPage::access).toList(),
                files.stream().map(hit -> file(hit.record())).toList(), filesPaging, versions, replicas, latestHref,
                filesPaging.total() == 0 ? Optional.empty() : Optional.of(wgetHref(dataset.id(), filesPaging.total())),
                aggregations.hits().stream().map(hit -> aggregation(hit.record())).toList(),
                aggregations.total() > aggregations.hits().size()
                        ? Optional.of(aggregationsHref(dataset.id()))
                        : Optional.empty());
    }

    private static String aggregationsHref(RecordId id) {
        Map<String, List<String>> search = new LinkedHashMap<>();
        search.put("type", List.of(RecordType.AGGREGATION.label()));
        search.put("dataset_id", List.of(id.value()));
        return new SearchState(search).href();
    }

    private static AggregationRow aggregation(CatalogRecord aggregation) {
        return new AggregationRow(aggregation.title(), aggregation.id().value(),
                aggregation.urls().stream().map(DatasetPage::access).toList());
    }

    /** A script for every file of the dataset, as many as one script may list. */
    private static String wgetHref(RecordId id, long files) {
        Map<String, List<String>> script = new LinkedHashMap<>();
        script.put("type", List.of(RecordType.FILE.label()));
        script.put("dataset_id", List.of(id.value()));
        script.put("limit", List.of(Long.toString(Math.min(files, Query.MAX_LIMIT))));
        return new SearchState(script).withQueryString(SearchState.WGET_PATH);
    }

    private static List<MetadataRow> metadata(CatalogRecord dataset) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("id", List.of(dataset.id().value()));
        fields.put("type", List.of(dataset.type().label()));
        fields.put("instance_id", List.of(dataset.instanceId()));
        fields.put("master_id", List.of(dataset.masterId()));
        fields.put("version", List.of(dataset.version()));
        fields.put("latest", List.of(Boolean.toString(dataset.latest())));
        fields.put("replica", List.of(Boolean.toString(dataset.replica())));
        fields.put("retracted", List.of(Boolean.toString(dataset.retracted())));
        fields.put("data_node", List.of(dataset.dataNode()));
        fields.put("index_node", List.of(dataset.indexNode()));
        fields.put("size", List.of(new ByteSize(dataset.size()).human() + " (" + dataset.size() + " bytes)"));
        dataset.numberOfFiles().ifPresent(count -> fields.put("number_of_files", List.of(count.toString())));
        dataset.numberOfAggregations().ifPresent(count -> fields.put("number_of_aggregations", List.of(count.toString())));
        fields.put("timestamp", List.of(dataset.timestamp().toString()));
        dataset.datetimeStart().ifPresent(start -> fields.put("datetime_start", List.of(start.toString())));
        dataset.datetimeStop().ifPresent(stop -> fields.put("datetime_stop", List.of(stop.toString())));
        dataset.geoBox().ifPresent(box -> fields.put("bbox", List.of(String.format(Locale.ROOT,
                "west %s, south %s, east %s, north %s", box.west(), box.south(), box.east(), box.north()))));
        fields.put("visibility", List.of(dataset.visibility().name().toLowerCase(Locale.ROOT)));
        fields.put("origin", List.of(dataset.origin()));
        fields.putAll(dataset.attributes());
        List<MetadataRow> rows = new ArrayList<>();
        fields.forEach((name, values) -> rows.add(new MetadataRow(name,
                values.stream().map(value -> new Value(value, webAddress(value))).toList())));
        return rows;
    }

    private static Access access(AccessUrl url) {
        return new Access(url.service(), url.mimeType(), url.url(), webAddress(url.url()).isPresent());
    }

    private static FileRow file(CatalogRecord file) {
        return new FileRow(file.title(), file.id().value(), file.size(), new ByteSize(file.size()).human(),
                file.checksum().map(checksum -> checksum.algorithm().name()),
                file.checksum().map(checksum -> checksum.hex()),
                service(file, "HTTPServer"), service(file, "OPENDAP"));
    }

    private static Optional<String> service(CatalogRecord record, String service) {
        return record.urls().stream()
                .filter(url -> url.service().equals(service))
                .map(AccessUrl::url)
                .flatMap(url -> webAddress(url).stream())
                .findFirst();
    }

    /**
     * Distinct versions, newest first. Versions are YYYYMMDD strings, so they are compared by
     * length first to order numbers of different length correctly.
     */
    private static List<VersionRow> versions(CatalogRecord dataset, List<CatalogRecord> family) {
        Map<String, List<CatalogRecord>> byInstance = new LinkedHashMap<>();
        family.stream()
                .sorted(Comparator.comparing((CatalogRecord record) -> record.version().length())
                        .thenComparing(CatalogRecord::version).reversed())
                .forEach(record -> byInstance.computeIfAbsent(record.instanceId(), key -> new ArrayList<>()).add(record));
        List<VersionRow> rows = new ArrayList<>();
        byInstance.forEach((instanceId, copies) -> {
            CatalogRecord shown = copies.stream()
                    .min(Comparator.comparing((CatalogRecord copy) -> !copy.dataNode().equals(dataset.dataNode()))
                            .thenComparing(CatalogRecord::replica).thenComparing(CatalogRecord::id))
                    .orElseThrow();
            rows.add(new VersionRow(shown.version(), instanceId, copies.stream().anyMatch(CatalogRecord::latest),
                    copies.stream().anyMatch(CatalogRecord::retracted), instanceId.equals(dataset.instanceId()),
                    copies.size(), href(shown.id())));
        });
        return rows;
    }

    /** The address itself when a browser may follow it; anything else (gsiftp, globus, javascript:) is shown as text. */
    private static Optional<String> webAddress(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? Optional.of(text) : Optional.empty();
    }
}
