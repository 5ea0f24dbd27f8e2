package org.meridian.catalog.sample;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.meridian.catalog.AccessUrl;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.Checksum;
import org.meridian.catalog.GeoBox;
import org.meridian.catalog.RecordId;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.Visibility;
import org.meridian.catalog.vocabulary.Cmip6Vocabulary;

/**
 * Generates a CMIP6-like sample catalog from the real CMIP6 vocabularies: Dataset records with
 * their File and (for a few) Aggregation records, deterministic for a seed.
 *
 * <p>Shape: a few experiments and models hold most datasets (Zipf popularity over the
 * experiments and models CMIP6 users request most); a model appears only in experiments of
 * activities it takes part in; variables, tables, frequencies and realms come in CMOR's
 * combinations. A dataset has 1–3 versions, exactly one of them {@code latest} unless all are
 * retracted; about one in ten multi-version datasets has its oldest version retracted (kept with
 * {@code retracted=true, latest=false} and, as on ESGF, without files). A quarter of latest
 * versions are replicated to one or two other data nodes, with exactly the original's files.
 * Files: 1–40 per dataset (most have a handful, never more than the period has years), named by
 * the CMIP6 DRS, splitting the experiment's period, with sizes, SHA-256 checksums, tracking ids,
 * HTTPServer and OPENDAP URLs. One dataset in twenty also has an Aggregation record, counted in
 * its {@code number_of_aggregations}. Datasets cover the globe. About 2 % of datasets are
 * restricted to the access group {@code cmip6-embargo}.
 *
 * <p>{@code datasets} counts Dataset records, versions, replicas and retracted ones included.
 * With {@link #withoutFiles()} exactly the same Dataset records are produced, without the rest.
 */
public final class SampleCatalogGenerator {
    /** Experiments by how much CMIP6 data users fetch; the rest follow alphabetically. */
    private static final List<String> POPULAR_EXPERIMENTS = List.of("historical", "piControl", "ssp585", "ssp245",
            "amip", "ssp126", "ssp370", "abrupt-4xCO2", "1pctCO2", "esm-hist", "hist-GHG", "hist-aer", "ssp119",
            "ssp434", "ssp460", "midHolocene", "lig127k", "highresSST-present", "dcppA-hindcast", "omip1");
    private static final List<String> POPULAR_SOURCES = List.of("CESM2", "UKESM1-0-LL", "MPI-ESM1-2-LR", "EC-Earth3",
            "IPSL-CM6A-LR", "MIROC6", "CanESM5", "NorESM2-LM", "GFDL-ESM4", "ACCESS-CM2", "MRI-ESM2-0", "CNRM-CM6-1",
            "INM-CM5-0", "BCC-CSM2-MR", "HadGEM3-GC31-LL", "CESM2-WACCM", "E3SM-1-0", "NESM3", "FGOALS-g3",
            "GISS-E2-1-G");
    private static final List<String> DATA_NODES = List.of("esgf-data1.llnl.gov", "esgf.ceda.ac.uk", "esgf3.dkrz.de",
            "esgf-node.ipsl.upmc.fr", "esgf.nci.org.au", "esgf-data04.diasjp.net", "esgf-data.ucar.edu",
            "esg.lasg.ac.cn");
    /** Sites that hold replicas of other sites' data. */
    private static final List<String> REPLICA_NODES = List.of("esgf-data1.llnl.gov", "esgf.ceda.ac.uk",
            "esgf3.dkrz.de", "esgf.nci.org.au");
    /** The access group the restricted share of the datasets (and their files) belong to. */
    public static final String RESTRICTED_GROUP = "cmip6-embargo";
    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final LocalDate FIRST_PUBLICATION = LocalDate.of(2018, 6, 1);
    /** CMIP6 model output covers the globe; ESGF publishes its extent as 0–360 east, pole to pole. */
    private static final GeoBox GLOBAL = new GeoBox(0, -90, 360, 90);

    private final Cmip6Vocabulary vocabulary;
    private final int datasets;
    private final long seed;
    private final String indexNode;
    private final boolean withParts;
    private final Zipf<Cmip6Vocabulary.Experiment> experiments;
    private final Map<String, Zipf<Cmip6Vocabulary.Source>> sourcesByActivity = new LinkedHashMap<>();
    private final Zipf<Cmip6Vocabulary.Variable> variables;

    public SampleCatalogGenerator(Cmip6Vocabulary vocabulary, int datasets, long seed) {
        this(vocabulary, datasets, seed, "localhost", true);
    }

    private SampleCatalogGenerator(Cmip6Vocabulary vocabulary, int datasets, long seed, String indexNode, boolean withParts) {
        this.vocabulary = requireNonNull(vocabulary, "vocabulary is null");
        if (datasets < 1) {
            throw new IllegalArgumentException("datasets must be at least 1, got " + datasets);
        }
        this.datasets = datasets;
        this.seed = seed;
        this.indexNode = requireNonNull(indexNode, "indexNode is null");
        this.withParts = withParts;
        this.experiments = new Zipf<>(byPopularity(vocabulary.experiments(), POPULAR_EXPERIMENTS), 1.3);
        List<Cmip6Vocabulary.Source> sources = byPopularity(vocabulary.sources(), POPULAR_SOURCES);
        for (String activity : vocabulary.values("activity_id")) {
            List<Cmip6Vocabulary.Source> taking = sources.stream().filter(s -> s.activities().contains(activity)).toList();
            sourcesByActivity.put(activity, new Zipf<>(taking.isEmpty() ? sources : taking, 1.1));
        }
        this.variables = new Zipf<>(vocabulary.variables(), 0.9);
    }

    /** The same generator naming {@code indexNode} as the index node of every record. */
    public SampleCatalogGenerator withIndexNode(String indexNode) {
        return new SampleCatalogGenerator(vocabulary, datasets, seed, indexNode, withParts);
    }

    /** The same Dataset records, without their files and aggregations. */
    public SampleCatalogGenerator withoutFiles() {
        return new SampleCatalogGenerator(vocabulary, datasets, seed, indexNode, false);
    }

    public int datasets() {
        return datasets;
    }

    /** The catalog, each dataset followed by its files and aggregations; generated lazily. */
    public Stream<CatalogRecord> records() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new Records(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    private static <T> List<T> byPopularity(Map<String, T> all, List<String> popular) {
        List<T> ordered = new ArrayList<>();
        popular.stream().filter(all::containsKey).map(all::get).forEach(ordered::add);
        all.entrySet().stream().filter(entry -> !popular.contains(entry.getKey()))
                .sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).forEach(ordered::add);
        return ordered;
    }

    /** Generates one simulation's datasets at a time into a small queue. */
    private final class Records implements Iterator<CatalogRecord> {
        private final RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        private final ArrayDeque<CatalogRecord> pending = new ArrayDeque<>();
        /**
         * 64-bit hashes of the master ids used so far: a simulation drawn twice moves to the next
         * realization, as a modelling centre would, rather than repeating a dataset. Hashes keep
         * a million masters in tens of megabytes.
         */
        private final java.util.Set<Long> usedMasters = new java.util.HashSet<>();
        private int emittedDatasets;
        private long simulation;

        @Override
        public boolean hasNext() {
            while (pending.isEmpty() && emittedDatasets < datasets) {
                generateSimulation(simulation++);
            }
            return !pending.isEmpty();
        }

        @Override
        public CatalogRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return pending.poll();
        }

        /** One (experiment, model, member, variable, grid): its versions, replicas, files. */
        private void generateSimulation(long number) {
            Cmip6Vocabulary.Experiment experiment = experiments.draw(random);
            String activity = experiment.activities().isEmpty() ? "CMIP" : experiment.activities().get(0);
            Cmip6Vocabulary.Source source = sourcesByActivity.getOrDefault(activity, sourcesByActivity.get("CMIP")).draw(random);
            String institution = source.institutions().isEmpty() ? "UNKNOWN" : source.institutions().get(0);
            Cmip6Vocabulary.Variable variable = variables.draw(random);
            int realization = 1 + (int) Math.min(49, Math.floor(-Math.log(1 - random.nextDouble()) * 1.5));
            int forcing = source.id().startsWith("UKESM") || source.id().startsWith("CNRM") ? 2 : 1;
            double gridDraw = random.nextDouble();
            String grid = gridDraw < 0.7 ? "gn" : gridDraw < 0.95 ? "gr" : "gr1";
            String prefix = "CMIP6." + activity + "." + institution + "." + source.id() + "." + experiment.id() + ".r";
            String suffix = "i1p1f" + forcing + "." + variable.table() + "." + variable.id() + "." + grid;
            while (!usedMasters.add(hash64(prefix + realization + suffix))) {
                realization++;
            }
            String member = "r" + realization + "i1p1f" + forcing;
            String primaryNode = DATA_NODES.get(Math.floorMod(institution.hashCode(), DATA_NODES.size()));
            double versionDraw = random.nextDouble();
            int versionCount = versionDraw < 0.70 ? 1 : versionDraw < 0.92 ? 2 : 3;
            boolean retractOldest = versionCount > 1 ? random.nextDouble() < 0.10 : random.nextDouble() < 0.01;
            Optional<String> accessGroup = random.nextDouble() < 0.02 ? Optional.of(RESTRICTED_GROUP) : Optional.empty();
            double replicaDraw = random.nextDouble();
            int replicas = replicaDraw < 0.75 ? 0 : replicaDraw < 0.95 ? 1 : 2;
            LocalDate published = FIRST_PUBLICATION.plusDays(random.nextInt(1400));
            List<LocalDate> versionDates = new ArrayList<>();
            for (int v = 0; v < versionCount; v++) {
                versionDates.add(published);
                published = published.plusDays(30 + random.nextInt(370));
            }

            String masterId = prefix + realization + suffix;
            Simulation simulation = new Simulation(number, experiment, activity, source, institution, variable, member,
                    grid, masterId, accessGroup);
            int latest = retractOldest && versionCount == 1 ? -1 : versionCount - 1;
            for (int v = 0; v < versionCount; v++) {
                boolean retracted = retractOldest && v == 0;
                if (!emit(simulation, versionDates.get(v), v == latest, false, retracted, primaryNode)) {
                    return;
                }
                if (v == latest) {
                    List<String> sites = new ArrayList<>(REPLICA_NODES);
                    sites.remove(primaryNode);
                    for (int r = 0; r < replicas; r++) {
                        String site = sites.get(Math.floorMod(Long.hashCode(number) + r, sites.size()));
                        sites.remove(site);
                        if (!emit(simulation, versionDates.get(v), true, true, false, site)) {
                            return;
                        }
                    }
                }
            }
        }

        /** Queues one Dataset record and its parts; false once the requested count is reached. */
        private boolean emit(Simulation simulation, LocalDate versionDate, boolean latest, boolean replica,
                boolean retracted, String dataNode) {
            if (emittedDatasets == datasets) {
                return false;
            }
            emittedDatasets++;
            String version = VERSION.format(versionDate);
            String instanceId = simulation.masterId() + ".v" + version;
            // Parts come from their own stream so the Dataset records do not depend on whether
            // files are generated (withoutFiles() yields exactly the same datasets). The stream
            // depends on the version alone, not the node: a replica holds exactly the files of
            // its original (names, sizes, checksums, tracking ids), published at the same time.
            RandomGenerator parts = RandomGeneratorFactory.of("L64X128MixRandom").create(seed ^ instanceId.hashCode() * 0x9E3779B97F4A7C15L);
            Period period = period(simulation.experiment(), parts);
            int fileCount = timeless(simulation) ? 1
                    : 1 + (int) Math.min(39, Math.floor(-Math.log(1 - parts.nextDouble()) * 3.5));
            // Files split the period into whole years and are named by them, so a short period
            // (a two-year PAMIP run) has at most as many files as years: no two share a name.
            fileCount = Math.min(fileCount, period.years());
            Instant timestamp = versionDate.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(parts.nextInt(86_400));
            RecordId datasetId = RecordId.of(instanceId + "|" + dataNode);
            Map<String, List<String>> attributes = attributes(simulation, true);
            List<CatalogRecord> files = new ArrayList<>();
            long totalSize = 0;
            if (!retracted) {
                for (int f = 0; f < fileCount; f++) {
                    CatalogRecord file = file(simulation, instanceId, version, datasetId, dataNode, latest, replica,
                            timestamp, period.part(f, fileCount), parts);
                    files.add(file);
                    totalSize += file.size();
                }
            } else {
                totalSize = (long) (fileCount * 150e6 * (0.5 + parts.nextDouble()));
            }
            boolean aggregated = !retracted && parts.nextDouble() < 0.05;
            pending.add(new CatalogRecord(datasetId, RecordType.DATASET, simulation.masterId(), instanceId, version,
                    latest && !retracted, replica, retracted, dataNode, indexNode, simulation.masterId(), Optional.empty(),
                    totalSize, Optional.of(retracted ? 0 : fileCount), Optional.of(aggregated ? 1 : 0), Optional.empty(),
                    List.of(new AccessUrl("https://" + dataNode + "/thredds/catalog/esgcet/" + instanceId + ".xml#" + instanceId,
                            "application/xml+thredds", "THREDDS")),
                    timestamp, coverageStart(simulation, period), coverageStop(simulation, period), Optional.of(GLOBAL),
                    attributes,
                    Visibility.FEDERATED, simulation.accessGroup(), "local"));
            if (withParts && !retracted) {
                pending.addAll(files);
                if (aggregated) {
                    pending.add(aggregation(simulation, instanceId, version, datasetId, dataNode, latest, replica,
                            timestamp, period));
                }
            }
            return true;
        }

        private CatalogRecord file(Simulation simulation, String instanceId, String version, RecordId datasetId,
                String dataNode, boolean latest, boolean replica, Instant timestamp, Period part, RandomGenerator parts) {
            Cmip6Vocabulary.Variable variable = simulation.variable();
            StringBuilder name = new StringBuilder(96).append(variable.id()).append('_').append(variable.table()).append('_')
                    .append(simulation.source().id()).append('_').append(simulation.experiment().id()).append('_')
                    .append(simulation.member()).append('_').append(simulation.grid());
            if (!variable.frequency().equals("fx")) {
                name.append('_').append(stamp(part.start(), variable.frequency())).append('-')
                        .append(stamp(part.stop(), variable.frequency()));
            }
            String fileName = name.append(".nc").toString();
            String path = "CMIP6/" + simulation.activity() + "/" + simulation.institution() + "/" + simulation.source().id()
                    + "/" + simulation.experiment().id() + "/" + simulation.member() + "/" + variable.table() + "/"
                    + variable.id() + "/" + simulation.grid() + "/v" + version + "/" + fileName;
            String fileInstance = instanceId + "." + fileName;
            long years = Math.max(1, part.years());
            long size = (long) (bytesPerYear(variable.frequency()) * years * (0.5 + 1.5 * parts.nextDouble()));
            Map<String, List<String>> attributes = attributes(simulation, false);
            attributes.put("tracking_id", List.of("hdl:21.14100/" + UUID.nameUUIDFromBytes(fileInstance.getBytes(StandardCharsets.UTF_8))));
            return new CatalogRecord(RecordId.of(fileInstance + "|" + dataNode), RecordType.FILE,
                    simulation.masterId() + "." + fileName, fileInstance, version, latest, replica, false, dataNode,
                    indexNode, fileName, Optional.of(datasetId), size, Optional.empty(), Optional.empty(),
                    Optional.of(new Checksum(Checksum.Algorithm.SHA256, digest(seed + ":" + fileInstance))),
                    List.of(new AccessUrl("https://" + dataNode + "/thredds/fileServer/css03_data/" + path,
                                    "application/netcdf", "HTTPServer"),
                            new AccessUrl("https://" + dataNode + "/thredds/dodsC/css03_data/" + path + ".html",
                                    "application/opendap-html", "OPENDAP")),
                    timestamp, coverageStart(simulation, part), coverageStop(simulation, part), Optional.empty(), attributes,
                    Visibility.FEDERATED, simulation.accessGroup(), "local");
        }

        private CatalogRecord aggregation(Simulation simulation, String instanceId, String version, RecordId datasetId,
                String dataNode, boolean latest, boolean replica, Instant timestamp, Period period) {
            String suffix = "." + simulation.variable().id() + ".aggregation";
            String aggregationInstance = instanceId + suffix;
            return new CatalogRecord(RecordId.of(aggregationInstance + "|" + dataNode), RecordType.AGGREGATION,
                    simulation.masterId() + suffix, aggregationInstance, version, latest, replica, false, dataNode,
                    indexNode, simulation.variable().longName() + " aggregation", Optional.of(datasetId), 0,
                    Optional.empty(), Optional.empty(), Optional.empty(),
                    List.of(new AccessUrl("https://" + dataNode + "/thredds/dodsC/" + aggregationInstance + ".html",
                                    "application/opendap-html", "OPENDAP"),
                            new AccessUrl("https://" + dataNode + "/las/getUI.do?dsid=" + aggregationInstance,
                                    "application/las", "LAS")),
                    timestamp, coverageStart(simulation, period), coverageStop(simulation, period), Optional.empty(),
                    attributes(simulation, false), Visibility.FEDERATED, simulation.accessGroup(), "local");
        }

        /** Fixed fields (frequency fx: land fraction, cell areas) hold no time: one file, no coverage. */
        private static boolean timeless(Simulation simulation) {
            return simulation.variable().frequency().equals("fx");
        }

        private static Optional<Instant> coverageStart(Simulation simulation, Period period) {
            return timeless(simulation) ? Optional.empty() : Optional.of(period.start());
        }

        private static Optional<Instant> coverageStop(Simulation simulation, Period period) {
            return timeless(simulation) ? Optional.empty() : Optional.of(period.stop());
        }

        private Map<String, List<String>> attributes(Simulation simulation, boolean dataset) {
            Cmip6Vocabulary.Variable variable = simulation.variable();
            Map<String, List<String>> attributes = new LinkedHashMap<>();
            attributes.put("project", List.of("CMIP6"));
            attributes.put("mip_era", List.of("CMIP6"));
            attributes.put("activity_id", List.of(simulation.activity()));
            attributes.put("activity_drs", List.of(simulation.activity()));
            attributes.put("institution_id", List.of(simulation.institution()));
            attributes.put("source_id", List.of(simulation.source().id()));
            attributes.put("source_type", List.of(simulation.experiment().id().startsWith("esm-") ? "AOGCM BGC" : "AOGCM"));
            attributes.put("experiment_id", List.of(simulation.experiment().id()));
            attributes.put("experiment_title", List.of(simulation.experiment().title()));
            attributes.put("sub_experiment_id", List.of("none"));
            attributes.put("member_id", List.of(simulation.member()));
            attributes.put("variant_label", List.of(simulation.member()));
            attributes.put("table_id", List.of(variable.table()));
            attributes.put("frequency", List.of(variable.frequency()));
            // CMOR lists several realms separated by spaces; each becomes its own value so a
            // realm facet counts the dataset under every realm it belongs to.
            attributes.put("realm", variable.realms());
            attributes.put("variable_id", List.of(variable.id()));
            attributes.put("variable", List.of(variable.id()));
            attributes.put("variable_long_name", List.of(variable.longName()));
            attributes.put("variable_units", List.of(variable.units()));
            attributes.put("grid_label", List.of(simulation.grid()));
            attributes.put("nominal_resolution", List.of(simulation.source().atmosphereResolution().orElse("100 km")));
            attributes.put("data_specs_version", List.of("01.00.33"));
            attributes.put("model_cohort", simulation.source().cohorts().isEmpty() ? List.of("Registered") : simulation.source().cohorts());
            if (dataset) {
                // The services its files are served by, as ESGF lists them (access=OPENDAP selects).
                attributes.put("access", List.of("HTTPServer", "OPENDAP"));
                attributes.put("citation_url", List.of("http://cera-www.dkrz.de/WDCC/meta/CMIP6/" + simulation.masterId() + ".json"));
                attributes.put("further_info_url", List.of("https://furtherinfo.es-doc.org/CMIP6." + simulation.institution()
                        + "." + simulation.source().id() + "." + simulation.experiment().id() + ".none." + simulation.member()));
                attributes.put("pid", List.of("hdl:21.14100/"
                        + UUID.nameUUIDFromBytes(simulation.masterId().getBytes(StandardCharsets.UTF_8))));
                attributes.put("description", List.of(variable.longName() + " (" + variable.table() + ") from "
                        + simulation.source().id() + " (" + simulation.institution() + "), experiment "
                        + simulation.experiment().id() + ": " + simulation.experiment().title()));
            }
            return attributes;
        }
    }

    private record Simulation(long number, Cmip6Vocabulary.Experiment experiment, String activity,
            Cmip6Vocabulary.Source source, String institution, Cmip6Vocabulary.Variable variable, String member,
            String grid, String masterId, Optional<String> accessGroup) {
    }

    /** A span of whole years, first January of {@code firstYear} to the end of {@code lastYear}. */
    private record Period(int firstYear, int lastYear) {
        Instant start() {
            return LocalDate.of(firstYear, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        Instant stop() {
            return LocalDate.of(lastYear, 12, 31).atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        int years() {
            return lastYear - firstYear + 1;
        }

        /** The {@code index}-th of {@code count} consecutive, nearly equal parts. */
        Period part(int index, int count) {
            int years = years();
            if (count >= years) {
                int year = firstYear + Math.min(index, years - 1);
                return new Period(year, year);
            }
            int from = firstYear + (int) ((long) years * index / count);
            int to = firstYear + (int) ((long) years * (index + 1) / count) - 1;
            return new Period(from, to);
        }
    }

    private static Period period(Cmip6Vocabulary.Experiment experiment, RandomGenerator random) {
        int start = experiment.startYear().orElse(1850 + 50 * random.nextInt(4));
        int end = experiment.endYear().filter(year -> year >= start).orElse(start + 99 + random.nextInt(400));
        return new Period(start, end);
    }

    private static String stamp(Instant instant, String frequency) {
        LocalDate date = instant.atZone(ZoneOffset.UTC).toLocalDate();
        String month = date.getYear() + (date.getMonthValue() < 10 ? "0" : "") + date.getMonthValue();
        return frequency.equals("mon") || frequency.equals("monC") || frequency.equals("yr") ? month
                : month + (date.getDayOfMonth() < 10 ? "0" : "") + date.getDayOfMonth();
    }

    private static double bytesPerYear(String frequency) {
        return switch (frequency) {
            case "mon", "monC", "monPt" -> 1.2e6;
            case "day" -> 36e6;
            case "6hrPt", "6hr" -> 145e6;
            case "3hr", "3hrPt" -> 290e6;
            case "yr", "yrPt" -> 0.1e6;
            default -> 5e6;
        };
    }

    /** FNV-1a over the characters: 64 bits, so collisions among a million ids are negligible. */
    private static long hash64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
        }
        return hash;
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
