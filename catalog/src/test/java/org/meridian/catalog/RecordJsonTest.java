package org.meridian.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.meridian.catalog.RecordBuilder.aDataset;
import static org.meridian.catalog.RecordBuilder.aFile;

import java.time.Instant;
import org.junit.jupiter.api.Test;

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
}
