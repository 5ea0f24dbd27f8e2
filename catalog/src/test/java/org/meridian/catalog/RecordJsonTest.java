package org.meridian.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.meridian.catalog.RecordBuilder.aDataset;
import static org.meridian.catalog.RecordBuilder.aFile;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

class RecordJsonTest {
    private final RecordJson json = new RecordJson();

    @Test
    void roundTripsADatasetAndAFile() {
        CatalogRecord dataset = aDataset("CMIP6.CMIP.NCAR.CESM2.historical.r1i1p1f1.Amon.tas.gn")
                .withFacet("source_id", "CESM2")
                .withFacet("variable_id", "tas")
                .withCoverage(Instant.parse("1850-01-01T00:00:00Z"), Instant.parse("2014-12-31T00:00:00Z"))
                .withAccessGroup("cmip-early")
                .build();
        CatalogRecord file = aFile(dataset, "tas_Amon_CESM2_historical_r1i1p1f1_gn_185001-201412.nc")
                .withUrl("https://data.example.org/thredds/fileServer/x.nc", "application/netcdf", "HTTPServer")
                .build();

        assertThat(json.read(json.write(dataset))).isEqualTo(dataset);
        assertThat(json.read(json.write(file))).isEqualTo(file);
    }

    @Test
    void encodingIsCanonicalSoEqualRecordsHashEqually() {
        CatalogRecord one = aDataset("a.b").withFacet("z", "1").withFacet("a", "2").build();
        CatalogRecord two = aDataset("a.b").withFacet("a", "2").withFacet("z", "1").build();

        assertThat(json.write(one)).isEqualTo(json.write(two));
        assertThat(json.contentHash(one)).isEqualTo(json.contentHash(two)).hasSize(64);
        assertThat(json.contentHash(one)).isNotEqualTo(json.contentHash(aDataset("a.c").build()));
    }

    /**
     * Content hashes are stored with every record, so the canonical text must never drift: a
     * different encoding of an unchanged record would make every re-ingest look like a change.
     */
    @Test
    void canonicalTextIsStable() {
        CatalogRecord dataset = aDataset("CMIP6.CMIP.X")
                .withFacet("variable_id", "tas", "pr")
                .withFacet("Description", "Temp\u00e9rature \"quoted\" \\ back\tslash \u2603 \uD83C\uDF0D \u0001")
                .withFacet("z_9", "")
                .withCoverage(Instant.parse("1850-01-01T00:00:00Z"), Instant.parse("2014-12-31T23:59:59.5Z"))
                .withGeoBox(new GeoBox(-180.0, -90, 179.9999, 1.0E-7))
                .withAccessGroup("cmip-early")
                .withTitle("Title with <html> & \u00fc")
                .build();
        CatalogRecord file = aFile(dataset, "tas.nc")
                .withUrl("https://data.example.org/x.nc", "application/netcdf", "HTTPServer")
                .withUrl("gsiftp://data.example.org/x.nc", "", "GridFTP")
                .withSize(Long.MAX_VALUE)
                .build();

        assertThat(json.write(dataset)).isEqualTo(DATASET_TEXT);
        assertThat(json.write(file)).isEqualTo(FILE_TEXT);
        assertThat(json.write(json.read(AGGREGATION_TEXT))).isEqualTo(AGGREGATION_TEXT);
    }

    private static final String DATASET_TEXT = "{\"Description\":[\"Temp\u00e9rature \\\"quoted\\\" \\\\ back\\tslash \u2603 \uD83C\uDF0D \\u0001\"],"
            + "\"access_group\":\"cmip-early\",\"data_node\":\"esgf-data.example.org\","
            + "\"datetime_start\":\"1850-01-01T00:00:00Z\",\"datetime_stop\":\"2014-12-31T23:59:59.500Z\","
            + "\"east_degrees\":179.9999,\"id\":\"CMIP6.CMIP.X.v20190308|esgf-data.example.org\","
            + "\"index_node\":\"esgf-index.example.org\",\"instance_id\":\"CMIP6.CMIP.X.v20190308\","
            + "\"latest\":true,\"master_id\":\"CMIP6.CMIP.X\",\"north_degrees\":1.0E-7,\"number_of_files\":1,"
            + "\"origin\":\"local\",\"project\":[\"CMIP6\"],\"replica\":false,\"retracted\":false,\"size\":1000,"
            + "\"south_degrees\":-90.0,\"timestamp\":\"2019-03-08T12:00:00Z\",\"title\":\"Title with <html> & \u00fc\","
            + "\"type\":\"Dataset\",\"variable_id\":[\"tas\",\"pr\"],\"version\":\"20190308\",\"visibility\":\"FEDERATED\","
            + "\"west_degrees\":-180.0,\"z_9\":[\"\"]}";
    private static final String AGGREGATION_TEXT = "{\"data_node\":\"n\",\"dataset_id\":\"X.v1|n\",\"id\":\"X.v1.agg|n\","
            + "\"index_node\":\"i\",\"instance_id\":\"X.v1.agg\",\"latest\":false,\"master_id\":\"X.agg\","
            + "\"number_of_aggregations\":2,\"number_of_files\":12,\"origin\":\"peer-a\",\"replica\":true,"
            + "\"retracted\":true,\"size\":0,\"timestamp\":\"2020-01-01T00:00:00Z\",\"title\":\"agg\","
            + "\"type\":\"Aggregation\",\"version\":\"1\",\"visibility\":\"LOCAL\"}";
    private static final String FILE_TEXT = "{\"Description\":[\"Temp\u00e9rature \\\"quoted\\\" \\\\ back\\tslash \u2603 \uD83C\uDF0D \\u0001\"],"
            + "\"checksum\":[\"0000000000000000000000000000000000000000000000000000000000000000\"],"
            + "\"checksum_type\":[\"SHA256\"],\"data_node\":\"esgf-data.example.org\","
            + "\"dataset_id\":\"CMIP6.CMIP.X.v20190308|esgf-data.example.org\","
            + "\"id\":\"CMIP6.CMIP.X.v20190308.tas.nc|esgf-data.example.org\","
            + "\"index_node\":\"esgf-index.example.org\",\"instance_id\":\"CMIP6.CMIP.X.v20190308.tas.nc\","
            + "\"latest\":true,\"master_id\":\"CMIP6.CMIP.X.tas.nc\",\"origin\":\"local\",\"project\":[\"CMIP6\"],"
            + "\"replica\":false,\"retracted\":false,\"size\":9223372036854775807,"
            + "\"timestamp\":\"2019-03-08T12:00:00Z\",\"title\":\"tas.nc\",\"type\":\"File\","
            + "\"url\":[\"https://data.example.org/x.nc|application/netcdf|HTTPServer\","
            + "\"gsiftp://data.example.org/x.nc||GridFTP\"],\"variable_id\":[\"tas\",\"pr\"],"
            + "\"version\":\"20190308\",\"visibility\":\"FEDERATED\",\"z_9\":[\"\"]}";

    @Test
    void readsEsgfDumpShapes() {
        String esgf = """
                {"id":"CMIP6.CMIP.X.v20200101|node.org","type":["Dataset"],"master_id":"CMIP6.CMIP.X",
                 "instance_id":"CMIP6.CMIP.X.v20200101","version":20200101,"latest":"true","replica":false,
                 "data_node":"node.org","index_node":"index.org","title":"X","number_of_files":3,
                 "timestamp":"2020-01-01T00:00:00Z","project":"CMIP6","source_id":["A","B"],
                 "_version_":123,"score":1.0}
                """;

        CatalogRecord record = json.read(esgf);

        assertThat(record.version()).isEqualTo("20200101");
        assertThat(record.latest()).isTrue();
        assertThat(record.attribute("project")).containsExactly("CMIP6");
        assertThat(record.attribute("source_id")).containsExactly("A", "B");
        assertThat(record.attributes()).doesNotContainKeys("_version_", "score");
    }

    @Test
    void namesTheFieldThatIsWrong() {
        String base = """
                {"id":"X|n","type":"%s","master_id":"X","instance_id":"X","version":"1","data_node":"n",
                 "index_node":"i","title":"t","timestamp":"%s"}
                """;

        assertThatThrownBy(() -> json.read(base.formatted("Datasets", "2020-01-01T00:00:00Z")))
                .isInstanceOf(RecordFormatException.class)
                .extracting(e -> ((RecordFormatException) e).field()).isEqualTo("type");
        assertThatThrownBy(() -> json.read(base.formatted("Dataset", "yesterday")))
                .isInstanceOf(RecordFormatException.class)
                .extracting(e -> ((RecordFormatException) e).field()).isEqualTo("timestamp");
        assertThatThrownBy(() -> json.read("{\"id\": "))
                .isInstanceOf(RecordFormatException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void namesEveryMissingRequiredFieldAtOnce() {
        String handWritten = """
                {"id":"X|n","type":"Dataset","master_id":"X","instance_id":"X","version":"1","data_node":"n","title":"t"}
                """;

        assertThatThrownBy(() -> json.read(handWritten))
                .isInstanceOf(RecordFormatException.class)
                .hasMessage("index_node: is required, and so is timestamp (every record has id, type, master_id,"
                        + " instance_id, version, data_node, index_node, title, timestamp)")
                .extracting(e -> ((RecordFormatException) e).field()).isEqualTo("index_node");
    }

    @Test
    void aBlankRequiredFieldIsMissingLikeAnAbsentOneAndEachRequiredFieldAloneIsNamed() {
        String blankTitle = """
                {"id":"X|n","type":"Dataset","master_id":"X","instance_id":"X","version":"1","data_node":"n",
                 "index_node":"i","title":" "}
                """;
        assertThatThrownBy(() -> json.read(blankTitle)).hasMessageStartingWith("title: is required, and so is timestamp");

        ObjectNode complete = json.toNode(aDataset("CMIP6.complete").build());
        for (String field : RecordJson.REQUIRED_FIELDS) {
            ObjectNode lacking = complete.deepCopy();
            lacking.remove(field);
            assertThatThrownBy(() -> json.read(lacking)).as(field).isInstanceOf(RecordFormatException.class)
                    .extracting(e -> ((RecordFormatException) e).field()).isEqualTo(field);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', textBlock = """
            "size":-5                                                                        ; size          ; must not be negative
            "number_of_files":3000000000                                                     ; number_of_files ; overflow
            "visibility":"weird"                                                             ; visibility    ; must be LOCAL or FEDERATED, got 'weird'
            "west_degrees":0,"south_degrees":0,"east_degrees":999,"north_degrees":10         ; east_degrees  ; longitudes
            "west_degrees":0,"south_degrees":20,"east_degrees":10,"north_degrees":10         ; north_degrees ; latitudes
            "west_degrees":0,"south_degrees":-95,"east_degrees":10,"north_degrees":10        ; south_degrees ; latitudes
            """)
    void namesTheFieldAValueRuleBlames(String field, String blamed, String words) {
        String record = """
                {"id":"X|n","type":"Dataset","master_id":"X","instance_id":"X","version":"1","data_node":"n",
                 "index_node":"i","title":"t","timestamp":"2020-01-01T00:00:00Z",%s}
                """.formatted(field);

        assertThatThrownBy(() -> json.read(record))
                .isInstanceOf(RecordFormatException.class)
                .hasMessageContaining(words).hasMessageNotContaining("org.meridian")
                .extracting(e -> ((RecordFormatException) e).field()).isEqualTo(blamed);
    }

    /** Each would make the record unreachable at /api/v1/records/<id>, even percent-encoded. */
    @ParameterizedTest
    @ValueSource(strings = {"doi:10.5281/zenodo.1|n", "a\\b|n", "100%|n", "a;b|n"})
    void refusesAnIdThatCannotBeOneUrlPathSegment(String id) {
        String record = """
                {"id":%s,"type":"Dataset","master_id":"X","instance_id":"X","version":"1","data_node":"n",
                 "index_node":"i","title":"t","timestamp":"2020-01-01T00:00:00Z"}
                """.formatted(quoted(id));

        assertThatThrownBy(() -> json.read(record))
                .isInstanceOf(RecordFormatException.class)
                .hasMessageContaining("one URL path segment")
                .extracting(e -> ((RecordFormatException) e).field()).isEqualTo("id");
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\") + "\"";
    }
}
