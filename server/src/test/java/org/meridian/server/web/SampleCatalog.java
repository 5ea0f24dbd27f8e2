package org.meridian.server.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.meridian.catalog.RecordBuilder.aDataset;
import static org.meridian.catalog.RecordBuilder.aFile;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.Checksum;
import org.meridian.catalog.RecordBuilder;
import org.meridian.catalog.RecordType;
import org.meridian.server.testing.TemporaryIndex;

/**
 * A small CMIP6-like catalog for web tests: twelve models (more than a facet panel lists
 * collapsed), three experiments, two variables, files with checksums and THREDDS URLs, an older
 * and a retracted version, a replica on a second data node, and an aggregation of CESM2 tas.
 */
final class SampleCatalog {
    static final String DATA_NODE = "esgf-data1.example.org";
    static final String REPLICA_NODE = "esgf-replica.example.net";

    /** The dataset with two older versions (one retracted) and a replica. */
    static final String CESM2_TAS = "CMIP6.CMIP.NCAR.CESM2.historical.r1i1p1f1.Amon.tas.gn";
    static final String CESM2_TAS_ID = CESM2_TAS + ".v20190308|" + DATA_NODE;
    static final String CESM2_TAS_OLD_ID = CESM2_TAS + ".v20181206|" + DATA_NODE;
    static final String CESM2_TAS_RETRACTED_ID = CESM2_TAS + ".v20190101|" + DATA_NODE;
    static final String CESM2_TAS_REPLICA_ID = CESM2_TAS + ".v20190308|" + REPLICA_NODE;
    /** A dataset of a single file. */
    static final String CANESM5_PR_ID = "CMIP6.CMIP.CCCma.CanESM5.historical.r1i1p1f1.Amon.pr.gn.v20190308|" + DATA_NODE;

    private record Model(String source, String institution, String resolution) {
    }

    private record Experiment(String activity, String experiment, String start, String stop) {
    }

    private static final List<Model> MODELS = List.of(
            new Model("CESM2", "NCAR", "100 km"),
            new Model("UKESM1-0-LL", "MOHC", "250 km"),
            new Model("MPI-ESM1-2-HR", "MPI-M", "100 km"),
            new Model("IPSL-CM6A-LR", "IPSL", "250 km"),
            new Model("GFDL-ESM4", "NOAA-GFDL", "100 km"),
            new Model("EC-Earth3", "EC-Earth-Consortium", "100 km"),
            new Model("MIROC6", "MIROC", "250 km"),
            new Model("CNRM-CM6-1", "CNRM-CERFACS", "250 km"),
            new Model("NorESM2-LM", "NCC", "250 km"),
            new Model("ACCESS-CM2", "CSIRO-ARCCSS", "250 km"),
            new Model("CanESM5", "CCCma", "500 km"),
            new Model("BCC-CSM2-MR", "BCC", "100 km"));

    private static final Experiment HISTORICAL = new Experiment("CMIP", "historical", "1850-01-16T12:00:00Z", "2014-12-16T12:00:00Z");
    private static final Experiment SSP585 = new Experiment("ScenarioMIP", "ssp585", "2015-01-16T12:00:00Z", "2100-12-16T12:00:00Z");

    private SampleCatalog() {
    }

    /** A fresh index holding the whole sample catalog. */
    static TemporaryIndex index() {
        return TemporaryIndex.holding(records());
    }

    static List<CatalogRecord> records() {
        List<CatalogRecord> records = new ArrayList<>();
        for (Model model : MODELS) {
            boolean cesm2 = model.source().equals("CESM2");
            addDataset(records, model, HISTORICAL, "tas", "20190308", true, false, false, DATA_NODE, cesm2 ? 30 : 3);
            addDataset(records, model, HISTORICAL, "pr", "20190308", true, false, false, DATA_NODE,
                    model.source().equals("CanESM5") ? 1 : 2);
            addDataset(records, model, SSP585, "tas", "20200101", true, false, false, DATA_NODE, 2);
        }
        Model cesm2 = MODELS.get(0);
        addDataset(records, cesm2, HISTORICAL, "tas", "20181206", false, false, false, DATA_NODE, 2);
        addDataset(records, cesm2, HISTORICAL, "tas", "20190101", false, false, true, DATA_NODE, 0);
        addDataset(records, cesm2, HISTORICAL, "tas", "20190308", true, true, false, REPLICA_NODE, 3);
        return records;
    }

    private static void addDataset(List<CatalogRecord> records, Model model, Experiment experiment, String variable,
            String version, boolean latest, boolean replica, boolean retracted, String dataNode, int fileCount) {
        String masterId = String.join(".", "CMIP6", experiment.activity(), model.institution(), model.source(),
                experiment.experiment(), "r1i1p1f1", "Amon", variable, "gn");
        String directory = masterId.replace('.', '/') + "/v" + version;
        RecordBuilder dataset = aDataset(masterId)
                .withVersion(version)
                .withLatest(latest)
                .withReplica(replica)
                .withRetracted(retracted)
                .withDataNode(dataNode)
                .withTimestamp(Instant.parse(version.substring(0, 4) + "-" + version.substring(4, 6) + "-"
                        + version.substring(6) + "T10:00:00Z"))
                .withCoverage(Instant.parse(experiment.start()), Instant.parse(experiment.stop()))
                .withUrl("https://" + dataNode + "/thredds/catalog/esgcet/" + masterId + ".v" + version + ".xml#"
                        + masterId + ".v" + version, "application/xml+thredds", "THREDDS")
                .withUrl("globus:8896f38e-68d1-4708-bce4-b1b3a27405c8/" + directory, "Globus", "Globus")
                .withFacet("mip_era", "CMIP6")
                .withFacet("activity_id", experiment.activity())
                .withFacet("experiment_id", experiment.experiment())
                .withFacet("source_id", model.source())
                .withFacet("institution_id", model.institution())
                .withFacet("variable_id", variable)
                .withFacet("table_id", "Amon")
                .withFacet("frequency", "mon")
                .withFacet("realm", "atmos")
                .withFacet("grid_label", "gn")
                .withFacet("member_id", "r1i1p1f1")
                .withFacet("variant_label", "r1i1p1f1")
                .withFacet("nominal_resolution", model.resolution())
                .withFacet("source_type", "AOGCM")
                .withFacet("further_info_url", "https://furtherinfo.es-doc.org/CMIP6." + model.institution() + "."
                        + model.source() + "." + experiment.experiment() + ".none.r1i1p1f1")
                .withFacet("description", model.source() + " model output prepared for CMIP6 "
                        + experiment.activity() + " " + experiment.experiment() + ", monthly " + variable);
        CatalogRecord datasetRecord = dataset.build();
        List<CatalogRecord> files = new ArrayList<>();
        int years = 10;
        for (int index = 0; index < fileCount; index++) {
            int firstYear = Integer.parseInt(experiment.start().substring(0, 4)) + index * years;
            String fileName = variable + "_Amon_" + model.source() + "_" + experiment.experiment() + "_r1i1p1f1_gn_"
                    + firstYear + "01-" + (firstYear + years - 1) + "12.nc";
            String path = directory + "/" + fileName;
            files.add(aFile(datasetRecord, fileName)
                    .withSize(fileSize(fileName))
                    .withChecksum(new Checksum(Checksum.Algorithm.SHA256, sha256(path)))
                    .withUrl("https://" + dataNode + "/thredds/fileServer/css03_data/" + path, "application/netcdf", "HTTPServer")
                    .withUrl("https://" + dataNode + "/thredds/dodsC/css03_data/" + path + ".html", "application/opendap-html", "OPENDAP")
                    .build());
        }
        long size = files.stream().mapToLong(CatalogRecord::size).sum();
        records.add(withFiles(dataset.withSize(size).build(), files.size()));
        records.addAll(files);
        if (datasetRecord.id().value().equals(CESM2_TAS_ID)) {
            records.add(aggregation(aFile(datasetRecord, variable + ".aggregation")
                    .withSize(size)
                    .withUrl("https://" + dataNode + "/thredds/dodsC/" + masterId + ".v" + version + ".aggregation.html",
                            "application/opendap-html", "OPENDAP")
                    .withUrl("gsiftp://" + dataNode + "/" + directory, "application/gridftp", "GridFTP")
                    .build()));
        }
    }

    /** The record as an Aggregation (the shared builder makes only datasets and files). */
    private static CatalogRecord aggregation(CatalogRecord record) {
        return new CatalogRecord(record.id(), RecordType.AGGREGATION, record.masterId(), record.instanceId(),
                record.version(), record.latest(), record.replica(), record.retracted(), record.dataNode(),
                record.indexNode(), record.title(), record.datasetId(), record.size(), record.numberOfFiles(),
                record.numberOfAggregations(), Optional.empty(), record.urls(), record.timestamp(),
                record.datetimeStart(), record.datetimeStop(), record.geoBox(), record.attributes(),
                record.visibility(), record.accessGroup(), record.origin());
    }

    /** 40–140 MB, fixed per name so pages and screenshots repeat. */
    private static long fileSize(String fileName) {
        return 40_000_000L + Math.floorMod(fileName.hashCode(), 100_000_000);
    }

    /** The record with its file count set (the shared builder fixes it at 1). */
    private static CatalogRecord withFiles(CatalogRecord record, int files) {
        return new CatalogRecord(record.id(), record.type(), record.masterId(), record.instanceId(), record.version(),
                record.latest(), record.replica(), record.retracted(), record.dataNode(), record.indexNode(),
                record.title(), record.datasetId(), record.size(), Optional.of(files), record.numberOfAggregations(),
                record.checksum(), record.urls(), record.timestamp(), record.datetimeStart(), record.datetimeStop(),
                record.geoBox(), record.attributes(), record.visibility(), record.accessGroup(), record.origin());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
