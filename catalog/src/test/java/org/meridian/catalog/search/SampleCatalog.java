package org.meridian.catalog.search;

import static org.meridian.catalog.RecordBuilder.aDataset;
import static org.meridian.catalog.RecordBuilder.aFile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.meridian.catalog.CatalogChange;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.Checksum;
import org.meridian.catalog.GeoBox;
import org.meridian.catalog.RecordBuilder;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.Stage;

/**
 * The small production catalog {@link SearchIndexContract} searches: CMIP6 datasets that differ
 * in one facet at a time, an older version, a replica, a retracted dataset, a CMIP5 dataset whose
 * model name has parentheses and a comma, two restricted datasets (one carrying a source_id no
 * public record has) and files. Each record has its own cataloged time, so time filters and the
 * newest-first order can be checked exactly.
 */
final class SampleCatalog {
    private static final RecordJson JSON = new RecordJson();
    static final Instant HISTORICAL_START = Instant.parse("1850-01-01T00:00:00Z");
    static final Instant HISTORICAL_STOP = Instant.parse("2014-12-31T00:00:00Z");
    static final Instant SCENARIO_START = Instant.parse("2015-01-01T00:00:00Z");
    static final Instant SCENARIO_STOP = Instant.parse("2100-12-31T00:00:00Z");
    static final GeoBox GLOBE = new GeoBox(-180, -90, 180, 90);
    static final GeoBox EUROPE = new GeoBox(-10, 35, 30, 70);

    final CatalogRecord cesmTas = cmip6("CMIP", "NCAR", "CESM2", "historical", "r1i1p1f1", "tas", "gn")
            .withTitle("CESM2 historical near-surface air temperature")
            .withGeoBox(GLOBE)
            .build();
    final CatalogRecord cesmPr = cmip6("CMIP", "NCAR", "CESM2", "historical", "r1i1p1f1", "pr", "gn")
            .withTitle("CESM2 historical precipitation")
            .build();
    final CatalogRecord cesmScenario = cmip6("ScenarioMIP", "NCAR", "CESM2", "ssp585", "r1i1p1f1", "tas", "gn")
            .withVersion("20200528")
            .withTitle("CESM2 ssp585 near-surface air temperature")
            .withCoverage(SCENARIO_START, SCENARIO_STOP)
            .build();
    final CatalogRecord ukesmTas = cmip6("CMIP", "MOHC", "UKESM1-0-LL", "historical", "r1i1p1f2", "tas", "gn")
            .withVersion("20190406")
            .withTitle("UKESM1-0-LL historical near-surface air temperature")
            .withFacet("nominal_resolution", "250 km")
            .withFacet("realm", "atmos", "land")
            .withGeoBox(EUROPE)
            .build();
    final CatalogRecord cmip5 = aDataset("cmip5.output1.NCAR.CESM1-CAM5-1-FV2.historical.mon.atmos.Amon.r1i1p1")
            .withVersion("20120712")
            .withTitle("CESM1(CAM5.1,FV2) historical monthly atmosphere")
            .withFacet("project", "CMIP5")
            .withFacet("model", "CESM1(CAM5.1,FV2)")
            .withFacet("experiment", "historical")
            .withFacet("time_frequency", "mon")
            .build();
    final CatalogRecord cesmTasOlder = cmip6("CMIP", "NCAR", "CESM2", "historical", "r1i1p1f1", "tas", "gn")
            .withVersion("20181001")
            .withLatest(false)
            .withTitle("CESM2 historical near-surface air temperature")
            .build();
    final CatalogRecord cesmTasReplica = cmip6("CMIP", "NCAR", "CESM2", "historical", "r1i1p1f1", "tas", "gn")
            .withDataNode("esgf.ceda.ac.uk")
            .withReplica(true)
            .withTitle("CESM2 historical near-surface air temperature")
            .build();
    final CatalogRecord ipslRetracted = cmip6("CMIP", "IPSL", "IPSL-CM6A-LR", "historical", "r1i1p1f1", "tas", "gr")
            .withVersion("20180803")
            .withRetracted(true)
            .withTitle("IPSL-CM6A-LR historical near-surface air temperature")
            .withFacet("nominal_resolution", "250 km")
            .build();
    final CatalogRecord cesmEarlyAccess = cmip6("CMIP", "NCAR", "CESM2", "historical", "r2i1p1f1", "tas", "gn")
            .withTitle("CESM2 historical second member, early access")
            .withAccessGroup("ncar-early")
            .build();
    final CatalogRecord hadgemInternal = cmip6("CMIP", "MOHC", "HadGEM3-GC31-LL", "historical", "r1i1p1f3", "tas", "gn")
            .withTitle("HadGEM3-GC31-LL historical internal review")
            .withAccessGroup("mohc-internal")
            .build();
    final CatalogRecord cesmTasFirstFile = aFile(cesmTas, "tas_Amon_CESM2_historical_r1i1p1f1_gn_185001-194912.nc").build();
    final CatalogRecord cesmTasSecondFile = aFile(cesmTas, "tas_Amon_CESM2_historical_r1i1p1f1_gn_195001-201412.nc")
            .withSize(2_000)
            .withChecksum(new Checksum(Checksum.Algorithm.SHA256, "ab".repeat(32)))
            .withUrl("https://esgf-data.example.org/tas_195001-201412.nc", "application/netcdf", "HTTPServer")
            .build();
    final CatalogRecord cesmEarlyAccessFile = aFile(cesmEarlyAccess, "tas_Amon_CESM2_historical_r2i1p1f1_gn_185001-201412.nc")
            .withAccessGroup("ncar-early")
            .build();

    /** Public production datasets, the default view of most contract tests. */
    final List<CatalogRecord> publicDatasets = List.of(
            cesmTas, cesmPr, cesmScenario, ukesmTas, cmip5, cesmTasOlder, cesmTasReplica, ipslRetracted);
    final List<CatalogRecord> publicFiles = List.of(cesmTasFirstFile, cesmTasSecondFile);

    /** When this node cataloged each record; the two files of a dataset share a time. */
    private final List<CatalogedRecord> cataloged = List.of(
            new CatalogedRecord(cesmTasOlder, Instant.parse("2023-06-01T00:00:00Z")),
            new CatalogedRecord(cesmTas, Instant.parse("2024-01-10T00:00:00Z")),
            new CatalogedRecord(cesmTasFirstFile, Instant.parse("2024-01-10T00:00:05Z")),
            new CatalogedRecord(cesmTasSecondFile, Instant.parse("2024-01-10T00:00:05Z")),
            new CatalogedRecord(cesmPr, Instant.parse("2024-01-11T00:00:00Z")),
            new CatalogedRecord(ukesmTas, Instant.parse("2024-01-20T00:00:00Z")),
            new CatalogedRecord(cesmScenario, Instant.parse("2024-02-01T00:00:00Z")),
            new CatalogedRecord(cmip5, Instant.parse("2024-02-15T00:00:00Z")),
            new CatalogedRecord(cesmTasReplica, Instant.parse("2024-03-01T00:00:00Z")),
            new CatalogedRecord(ipslRetracted, Instant.parse("2024-03-10T00:00:00Z")),
            new CatalogedRecord(cesmEarlyAccess, Instant.parse("2024-03-15T00:00:00Z")),
            new CatalogedRecord(cesmEarlyAccessFile, Instant.parse("2024-03-15T00:00:00Z")),
            new CatalogedRecord(hadgemInternal, Instant.parse("2024-03-20T00:00:00Z")));

    /** Upserts of every record into production, numbered from {@code firstSequence}. */
    List<CatalogChange> productionUpserts(long firstSequence) {
        List<CatalogChange> changes = new ArrayList<>();
        long sequence = firstSequence;
        for (CatalogedRecord entry : cataloged) {
            changes.add(new CatalogChange.Upsert(sequence++, Stage.PRODUCTION, entry.record(), entry.at(),
                    JSON.write(entry.record())));
        }
        return changes;
    }

    Instant catalogedAt(CatalogRecord record) {
        return cataloged.stream()
                .filter(entry -> entry.record().equals(record))
                .map(CatalogedRecord::at)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not in the sample catalog: " + record.id()));
    }

    /**
     * A CMIP6 Amon dataset with the facets the DRS id is made of, a 100 km resolution and
     * historical coverage; tests override what they vary.
     */
    static RecordBuilder cmip6(String activity, String institution, String source, String experiment,
            String member, String variable, String grid) {
        return aDataset(String.join(".", "CMIP6", activity, institution, source, experiment, member, "Amon", variable, grid))
                .withFacet("mip_era", "CMIP6")
                .withFacet("activity_id", activity)
                .withFacet("institution_id", institution)
                .withFacet("source_id", source)
                .withFacet("experiment_id", experiment)
                .withFacet("member_id", member)
                .withFacet("table_id", "Amon")
                .withFacet("variable_id", variable)
                .withFacet("grid_label", grid)
                .withFacet("frequency", "mon")
                .withFacet("realm", "atmos")
                .withFacet("nominal_resolution", "100 km")
                .withCoverage(HISTORICAL_START, HISTORICAL_STOP);
    }

    private record CatalogedRecord(CatalogRecord record, Instant at) {
    }
}
