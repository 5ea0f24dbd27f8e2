package org.meridian.server.testing;

import static org.meridian.catalog.RecordBuilder.aDataset;
import static org.meridian.catalog.RecordBuilder.aFile;

import java.time.Instant;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.Checksum;
import org.meridian.catalog.RecordBuilder;

/**
 * A small CMIP6-shaped catalog for API tests: current, superseded, retracted, replicated and
 * restricted datasets, a CMIP5 dataset whose model name holds a comma, and three public files.
 *
 * <p>Public datasets: 8 (7 CMIP6, 1 CMIP5); latest among them: 6. CMIP6 source_id counts:
 * CESM2 3, IPSL-CM6A-LR 1, UKESM1-0-LL 3. Public files: 3, two of them in {@link #CESM2_TAS}.
 */
public final class SampleCatalog {
    public static final String DATA_NODE = "esgf-data.example.org";
    public static final String REPLICA_NODE = "esgf-replica.example.org";

    public static final CatalogRecord CESM2_TAS = cmip6("CMIP", "NCAR", "CESM2", "historical", "r1i1p1f1", "tas")
            .withTimestamp(Instant.parse("2019-03-08T12:00:00Z"))
            .withFacet("description", "Near-surface air temperature, CESM2 historical run")
            .withFacet("further_info_url", "https://furtherinfo.es-doc.org/CMIP6.NCAR.CESM2.historical.none.r1i1p1f1")
            .withUrl("https://" + DATA_NODE + "/thredds/catalog/esgcet/1/CMIP6.CMIP.NCAR.CESM2.historical.r1i1p1f1.Amon.tas.gn.v20190308.xml#CMIP6.CMIP.NCAR.CESM2.historical.r1i1p1f1.Amon.tas.gn.v20190308",
                    "application/xml+thredds", "THREDDS")
            .build();
    public static final CatalogRecord CESM2_PR = cmip6("CMIP", "NCAR", "CESM2", "historical", "r1i1p1f1", "pr")
            .withTimestamp(Instant.parse("2019-03-09T12:00:00Z"))
            .build();
    public static final CatalogRecord UKESM_SSP585_TAS = cmip6("ScenarioMIP", "MOHC", "UKESM1-0-LL", "ssp585", "r1i1p1f2", "tas")
            .withVersion("20190726")
            .withTimestamp(Instant.parse("2019-07-26T12:00:00Z"))
            .build();
    public static final CatalogRecord UKESM_HISTORICAL_TAS_OLD = cmip6("CMIP", "MOHC", "UKESM1-0-LL", "historical", "r1i1p1f2", "tas")
            .withVersion("20190406")
            .withLatest(false)
            .withTimestamp(Instant.parse("2019-04-06T12:00:00Z"))
            .build();
    public static final CatalogRecord UKESM_HISTORICAL_TAS = cmip6("CMIP", "MOHC", "UKESM1-0-LL", "historical", "r1i1p1f2", "tas")
            .withVersion("20190627")
            .withTimestamp(Instant.parse("2019-06-27T12:00:00Z"))
            .build();
    public static final CatalogRecord IPSL_RETRACTED = cmip6("CMIP", "IPSL", "IPSL-CM6A-LR", "historical", "r1i1p1f1", "tas")
            .withVersion("20180803")
            .withRetracted(true)
            .withTimestamp(Instant.parse("2018-08-03T12:00:00Z"))
            .build();
    public static final CatalogRecord CESM2_TAS_REPLICA = cmip6("CMIP", "NCAR", "CESM2", "historical", "r1i1p1f1", "tas")
            .withDataNode(REPLICA_NODE)
            .withReplica(true)
            .withTimestamp(Instant.parse("2019-05-01T12:00:00Z"))
            .build();
    public static final CatalogRecord EMBARGOED = cmip6("CMIP", "EC-Earth-Consortium", "EC-Earth3", "historical", "r1i1p1f1", "tas")
            .withAccessGroup("embargo")
            .build();
    /** CMIP5 names its model with a comma inside parentheses; a constraint must keep it whole. */
    public static final CatalogRecord CMIP5_CESM1 = aDataset("cmip5.output1.NSF-DOE-NCAR.CESM1-CAM5-1-FV2.rcp85.mon.atmos.Amon.r1i1p1")
            .withVersion("20120712")
            .withFacet("project", "CMIP5")
            .withFacet("model", "CESM1(CAM5.1,FV2)")
            .withFacet("experiment", "rcp85")
            .withTimestamp(Instant.parse("2012-07-12T12:00:00Z"))
            .build();

    public static final String FIRST_FILE_NAME = "tas_Amon_CESM2_historical_r1i1p1f1_gn_185001-189912.nc";
    public static final CatalogRecord CESM2_TAS_FIRST_FILE = file(CESM2_TAS, FIRST_FILE_NAME, "1".repeat(64), 1_234_567_890L);
    public static final CatalogRecord CESM2_TAS_SECOND_FILE = file(CESM2_TAS,
            "tas_Amon_CESM2_historical_r1i1p1f1_gn_190001-201412.nc", "2".repeat(64), 987_654_321L);
    public static final CatalogRecord UKESM_SSP585_FILE = aFile(UKESM_SSP585_TAS,
            "tas_Amon_UKESM1-0-LL_ssp585_r1i1p1f2_gn_201501-204912.nc")
            .withChecksum(new Checksum(Checksum.Algorithm.MD5, "a".repeat(32)))
            .withUrl(thredds("fileServer", "tas_Amon_UKESM1-0-LL_ssp585_r1i1p1f2_gn_201501-204912.nc"),
                    "application/netcdf", "HTTPServer")
            .build();
    public static final CatalogRecord EMBARGOED_FILE = aFile(EMBARGOED, "tas_Amon_EC-Earth3_historical.nc")
            .withAccessGroup("embargo")
            .withUrl(thredds("fileServer", "tas_Amon_EC-Earth3_historical.nc"), "application/netcdf", "HTTPServer")
            .build();

    private SampleCatalog() {
    }

    /** A fresh index holding every sample record in production. */
    public static TemporaryIndex index() {
        TemporaryIndex index = TemporaryIndex.empty();
        index.add(CESM2_TAS, CESM2_PR, UKESM_SSP585_TAS, UKESM_HISTORICAL_TAS_OLD, UKESM_HISTORICAL_TAS, IPSL_RETRACTED,
                CESM2_TAS_REPLICA, EMBARGOED, CMIP5_CESM1, CESM2_TAS_FIRST_FILE, CESM2_TAS_SECOND_FILE, UKESM_SSP585_FILE,
                EMBARGOED_FILE);
        return index;
    }

    private static RecordBuilder cmip6(String activity, String institution, String source, String experiment,
            String member, String variable) {
        String masterId = String.join(".", "CMIP6", activity, institution, source, experiment, member, "Amon", variable, "gn");
        return aDataset(masterId)
                .withFacet("mip_era", "CMIP6")
                .withFacet("activity_id", activity)
                .withFacet("institution_id", institution)
                .withFacet("source_id", source)
                .withFacet("experiment_id", experiment)
                .withFacet("member_id", member)
                .withFacet("table_id", "Amon")
                .withFacet("frequency", "mon")
                .withFacet("realm", "atmos")
                .withFacet("variable_id", variable)
                .withFacet("grid_label", "gn")
                .withFacet("nominal_resolution", "100 km")
                .withCoverage(Instant.parse("1850-01-16T12:00:00Z"), Instant.parse("2014-12-16T12:00:00Z"));
    }

    private static CatalogRecord file(CatalogRecord dataset, String name, String sha256, long size) {
        return aFile(dataset, name)
                .withChecksum(new Checksum(Checksum.Algorithm.SHA256, sha256))
                .withSize(size)
                .withFacet("tracking_id", "hdl:21.14100/" + sha256.substring(0, 8) + "-" + name.length())
                .withUrl(thredds("fileServer", name), "application/netcdf", "HTTPServer")
                .withUrl(thredds("dodsC", name) + ".html", "application/opendap-html", "OPENDAP")
                .build();
    }

    private static String thredds(String service, String name) {
        return "https://" + DATA_NODE + "/thredds/" + service + "/css03_data/CMIP6/" + name;
    }
}
