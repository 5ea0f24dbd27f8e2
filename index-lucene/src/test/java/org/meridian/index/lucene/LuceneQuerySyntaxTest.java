package org.meridian.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.meridian.catalog.RecordBuilder.aDataset;
import static org.meridian.catalog.RecordBuilder.aFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.meridian.catalog.CatalogChange;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.Checksum;
import org.meridian.catalog.GeoBox;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.Stage;
import org.meridian.catalog.search.FacetCount;
import org.meridian.catalog.search.InvalidQueryException;
import org.meridian.catalog.search.Query;

/** The choices this index makes about free text and fields, beyond the SearchIndex contract. */
class LuceneQuerySyntaxTest {
    private LuceneSearchIndex index;
    private long sequence;

    @BeforeEach
    void open(@TempDir Path directory) {
        index = LuceneSearchIndex.open(directory);
    }

    @AfterEach
    void close() throws IOException {
        index.close();
    }

    @Test
    void refusesALeadingWildcardOnTheTextOrANearUniqueFieldBecauseItWouldVisitEveryTerm() {
        add(aDataset("CMIP6.CMIP.NCAR.CESM2.historical.r1i1p1f1.Amon.tas.gn").build());

        for (String text : List.of("*tas", "id:?MIP6*", "title:*tas*", "tracking_id:*ab*", "_key:*x*", "url:*nc")) {
            assertThatThrownBy(() -> index.search(Query.builder().text(text).build()))
                    .as(text)
                    .isInstanceOf(InvalidQueryException.class)
                    .hasMessageContaining("would visit every term of")
                    .satisfies(failure -> assertThat(((InvalidQueryException) failure).parameter()).isEqualTo("query"));
        }
    }

    @Test
    void wildcardsReadAsSolrReadsThem() {
        CatalogRecord historical = add(aDataset("CMIP6.CMIP.NCAR.CESM2.historical.r1i1p1f1.Amon.tas.gn")
                .withFacet("experiment_id", "historical").build());
        CatalogRecord scenario = add(aDataset("CMIP6.ScenarioMIP.NCAR.CESM2.ssp585.r1i1p1f1.Amon.tas.gn")
                .withFacet("experiment_id", "ssp585").build());
        CatalogRecord bare = add(aDataset("obs.bare").build());

        assertThat(ids("*")).as("everything").containsExactlyInAnyOrder(id(historical), id(scenario), id(bare));
        assertThat(ids("experiment_id:*")).as("has the field").containsExactlyInAnyOrder(id(historical), id(scenario));
        assertThat(ids("id:*")).as("every record has an id").hasSize(3);
        assertThat(ids("master_id:*")).as("a near-unique field without doc values").hasSize(3);
        assertThat(ids("experiment_id:*stor*")).as("a leading wildcard on a facet").containsExactly(id(historical));
        assertThat(ids("experiment_id:?sp585")).containsExactly(id(scenario));
        assertThat(ids("experiment_id:/.*585/")).as("a regular expression on a facet").containsExactly(id(scenario));
        assertThat(ids("size:*")).as("a number field has a value").hasSize(3);
        assertThat(ids("(*:*)")).as("match-all inside a larger query").hasSize(3);
        assertThat(ids("*:* AND experiment_id:historical")).containsExactly(id(historical));
        assertThat(ids("*:* -experiment_id:historical")).containsExactlyInAnyOrder(id(scenario), id(bare));
        assertThat(ids("experiment_id:[* TO *]")).as("Solr's other has-the-field").hasSize(2);
    }

    @Test
    void hasTheFieldNeedsNoWalkOverTheTermsOfNearUniqueFields() {
        CatalogRecord dataset = add(aDataset("x.y").build());
        CatalogRecord file = add(aFile(dataset, "f.nc").withChecksum(new Checksum(Checksum.Algorithm.SHA256, "ef".repeat(32)))
                .withUrl("https://data.example.org/f.nc", "application/netcdf", "HTTPServer").build());

        for (String field : List.of("checksum", "url")) {
            assertThat(ids(field + ":*")).as(field).containsExactly(id(file));
            assertThat(ids(field + ":[* TO *]")).as(field).containsExactly(id(file));
            // Translated to a term or doc-value query, not a pattern walked over every checksum or URL.
            assertThat(translated(field + ":*")).as(field).doesNotContain("*");
        }
        assertThat(ids("title:*")).containsExactlyInAnyOrder(id(dataset), id(file));
    }

    /** The parser's own message names grammar tokens and lexical states, and lists what it expected over lines. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            source_id:(CESM2 | it ends too early; a bracket or range is not closed, or an operator has nothing after it
            tas AND          | it ends too early; a bracket or range is not closed, or an operator has nothing after it
            size:[1 TO 2     | it ends too early; a bracket or range is not closed, or an operator has nothing after it
            tas)             | unexpected ')' at character 4
            tas OR OR pr     | unexpected 'OR' at character 8
            ^2               | unexpected '^' at character 1
            "unbalanced      | it ends inside a quote or regular expression that is not closed, or after a lone backslash
            id:/CMIP6        | it ends inside a quote or regular expression that is not closed, or after a lone backslash
            tas\\             | it ends inside a quote or regular expression that is not closed, or after a lone backslash
            """)
    void reportsASyntaxErrorOnOneReadableLine(String text, String reason) {
        assertThatThrownBy(() -> index.search(Query.builder().text(text).build()))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessage("Cannot parse '" + text + "': " + reason)
                .satisfies(failure -> assertThat(((InvalidQueryException) failure).parameter()).isEqualTo("query"));
    }

    @Test
    void refusesAMalformedRegularExpression() {
        for (String text : List.of("/[a-/", "id:/(CMIP6/")) {
            assertThatThrownBy(() -> index.search(Query.builder().text(text).build()))
                    .as(text)
                    .isInstanceOf(InvalidQueryException.class)
                    .satisfies(failure -> assertThat(((InvalidQueryException) failure).parameter()).isEqualTo("query"));
        }
    }

    @Test
    void refusesARegularExpressionWhoseAutomatonWouldBeHugeBeforeBuildingIt() {
        add(aDataset("CMIP6.ccc").build());

        // Each of these kept a core busy for minutes building the automaton.
        for (String text : List.of("/c{1,1000}{1,1000}/", "id:/(a|aa)*(b|bb)*c{1,1000}{1,1000}/", "/c{1,300}{1,300}/")) {
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(
                    () -> index.search(Query.builder().text(text).build()))
                    .as(text)
                    .isInstanceOf(InvalidQueryException.class)
                    .hasMessageContaining("too complex")
                    .satisfies(failure -> assertThat(((InvalidQueryException) failure).parameter()).isEqualTo("query")));
        }
        assertThat(ids("id:/CMIP6\\.c{1,5}.*/")).as("an ordinary regular expression still runs").hasSize(1);
    }

    @Test
    void refusesARegularExpressionThatMayStartWithAnyCharacterAsItWouldVisitEveryTerm() {
        CatalogRecord dataset = add(aDataset("CMIP6.CMIP.NCAR.CESM2.historical.r1i1p1f1.Amon.tas.gn").build());

        for (String text : List.of("/.*tas/", "id:/.*tas.*/", "/[^a]mon/", "/(.|x)*tas/", "/.{0,3}mon/")) {
            assertThatThrownBy(() -> index.search(Query.builder().text(text).build()))
                    .as(text)
                    .isInstanceOf(InvalidQueryException.class)
                    .hasMessageContaining("may start with any character")
                    .satisfies(failure -> assertThat(((InvalidQueryException) failure).parameter()).isEqualTo("query"));
        }
        assertThat(ids("id:/CMIP6.*tas.*/")).as("a literal start").containsExactly(id(dataset));
        assertThat(ids("/[Aa]mo?n/")).as("a small class").containsExactly(id(dataset));
    }

    @Test
    void aFlagInFreeTextIsReadAsItsParameterIsRead() {
        CatalogRecord latest = add(aDataset("x.latest").withLatest(true).build());
        CatalogRecord older = add(aDataset("x.older").withLatest(false).build());

        assertThat(ids("latest:True")).containsExactly(id(latest));
        assertThat(ids("latest:1")).containsExactly(id(latest));
        assertThat(ids("latest:t AND id:x.*")).containsExactly(id(latest));
        assertThat(ids("latest:FALSE")).containsExactly(id(older));
        assertThatThrownBy(() -> index.search(Query.builder().text("latest:yes").build()))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessage("Cannot parse 'latest:yes': field latest holds true or false (or t, f, 1, 0), got 'yes'");
    }

    @Test
    void refusesParenthesesNestedTooDeepInsteadOfOverflowingTheStack() {
        add(aDataset("a.b").build());
        String deep = "(".repeat(20_000) + "a" + ")".repeat(20_000);

        assertThatThrownBy(() -> index.search(Query.builder().text(deep).build()))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("nested more than 64 deep")
                .satisfies(failure -> assertThat(((InvalidQueryException) failure).parameter()).isEqualTo("query"));
        assertThat(ids("(".repeat(64) + "a" + ")".repeat(64))).as("64 levels still parse").hasSize(1);
        assertThat(QueryTranslator.nestingDepth("\\((\"((((\" a)")).as("escaped and quoted parentheses do not count")
                .isEqualTo(1);
    }

    @Test
    void refusesAQueryWithMoreClausesThanLuceneAllows() {
        add(aDataset("a.b").build());
        String text = IntStream.range(0, 1100).mapToObj(i -> "word" + i).collect(Collectors.joining(" OR "));

        assertThatThrownBy(() -> index.search(Query.builder().text(text).build()))
                .isInstanceOf(InvalidQueryException.class)
                .satisfies(failure -> assertThat(((InvalidQueryException) failure).parameter()).isEqualTo("query"));
    }

    @Test
    void aPurelyNegativeQueryMeansEverythingElse() {
        CatalogRecord cesm = add(aDataset("x.cesm").withFacet("source_id", "CESM2").build());
        CatalogRecord ukesm = add(aDataset("x.ukesm").withFacet("source_id", "UKESM1-0-LL").build());
        CatalogRecord ipsl = add(aDataset("x.ipsl").withFacet("source_id", "IPSL-CM6A-LR").build());

        assertThat(ids("NOT source_id:CESM2")).containsExactlyInAnyOrder(id(ukesm), id(ipsl));
        assertThat(ids("-source_id:CESM2 -source_id:IPSL-CM6A-LR")).containsExactly(id(ukesm));
        assertThat(ids("source_id:CESM2")).containsExactly(id(cesm));
    }

    @Test
    void aBareIdMeansThatIdNotAnyOfItsParts() {
        CatalogRecord tas = add(aDataset("CMIP6.CMIP.NCAR.CESM2.historical.r1i1p1f1.Amon.tas.gn").build());
        add(aDataset("CMIP6.CMIP.NCAR.CESM2.historical.r1i1p1f1.Amon.pr.gn").build());

        assertThat(ids("CMIP6.CMIP.NCAR.CESM2.historical.r1i1p1f1.Amon.tas.gn")).containsExactly(id(tas));
        assertThat(ids("tas_Amon")).as("a file-name fragment is a phrase too").isEmpty();
    }

    @Test
    void masterAndInstanceIdsTypedAsQueriesFindTheirRecords() {
        CatalogRecord dataset = add(aDataset("CMIP6.CMIP.NCAR.CESM2.historical.r1i1p1f1.Amon.tas.gn").build());
        CatalogRecord file = add(aFile(dataset, "tas_Amon_CESM2_historical_r1i1p1f1_gn_185001-201412.nc").build());

        // A dataset's master and instance ids lead its id, so the id's words find them.
        assertThat(ids(dataset.masterId())).contains(id(dataset));
        assertThat(ids(dataset.instanceId())).contains(id(dataset));
        // A file's master id leaves out the version its id carries, so it is indexed on its own.
        assertThat(ids(file.masterId())).containsExactly(id(file));
        assertThat(ids(file.instanceId())).containsExactly(id(file));
    }

    @Test
    void aPhraseNeverSpansTwoValuesOfAField() {
        CatalogRecord record = add(aDataset("x.y")
                .withFacet("variable_long_name", "Near-Surface Air Temperature", "Precipitation Flux")
                .build());

        assertThat(ids("\"air temperature\"")).containsExactly(id(record));
        assertThat(ids("\"temperature precipitation\"")).isEmpty();
    }

    @Test
    void aValueTooLongToBeATermIsStillFoundByItsWordsAndReturnedWhole() {
        String description = "word ".repeat(8_000) + "needle";
        CatalogRecord record = add(aDataset("x.long").withFacet("description", description).build());

        assertThat(index.search(Query.builder().text("needle").build()).hits())
                .singleElement()
                .satisfies(hit -> assertThat(hit.record()).isEqualTo(record));
        assertThat(index.search(Query.builder().where("description", description).build()).total())
                .as("too long to match exactly")
                .isZero();
    }

    @Test
    void fieldsWithoutCountableValuesHaveNoFacetValues() {
        add(aDataset("x.y").withTitle("A title").build());

        var facets = index.search(Query.builder().facet("title").facet("_timestamp").facet("project").build()).facets();

        assertThat(facets.get("title")).isEmpty();
        assertThat(facets.get("_timestamp")).isEmpty();
        assertThat(facets.get("project")).containsExactly(new FacetCount("CMIP6", 1));
    }

    @Test
    void sizesCountsAndTimesInFreeTextAreMatchedAsNumbers() {
        CatalogRecord small = add(aDataset("x.small").withSize(900).withTimestamp(Instant.parse("2019-03-08T12:00:00Z"))
                .withCoverage(Instant.parse("1850-01-01T00:00:00Z"), Instant.parse("1900-01-01T00:00:00Z")).build());
        CatalogRecord large = add(aDataset("x.large").withSize(25_000).withTimestamp(Instant.parse("2021-06-01T00:00:00Z"))
                .withCoverage(Instant.parse("2015-01-01T00:00:00Z"), Instant.parse("2100-12-31T00:00:00Z")).build());

        // As terms these compared as text ("900" > "25000") or matched nothing at all.
        assertThat(ids("size:[1000 TO *]")).containsExactly(id(large));
        assertThat(ids("size:[* TO 900}")).isEmpty();
        assertThat(ids("size:[* TO 900]")).containsExactly(id(small));
        assertThat(ids("size:25000")).containsExactly(id(large));
        assertThat(ids("number_of_files:1")).containsExactlyInAnyOrder(id(small), id(large));
        assertThat(ids("timestamp:[2020-01-01 TO NOW]")).containsExactly(id(large));
        assertThat(ids("timestamp:\"2019-03-08T12:00:00Z\"")).containsExactly(id(small));
        assertThat(ids("datetime_start:{* TO 1900-01-01T00:00:00Z}")).containsExactly(id(small));
        assertThat(ids("_timestamp:[2024-05-01 TO 2024-05-01T00:00:00Z]")).containsExactlyInAnyOrder(id(small), id(large));
        assertThat(ids("_timestamp:[NOW-1DAY TO *]")).isEmpty();
    }

    @Test
    void anExclusiveBoundAtTheEndOfTheRangeExcludesEverything() {
        add(aDataset("x.huge").withSize(Long.MAX_VALUE).build());

        assertThat(ids("size:[9223372036854775807 TO *]")).hasSize(1);
        assertThat(ids("size:{9223372036854775807 TO *]")).isEmpty();
        assertThat(ids("size:[* TO -9223372036854775808}")).isEmpty();
    }

    @Test
    void aChecksumMatchesInEitherCaseInFreeTextToo() {
        CatalogRecord dataset = aDataset("x.y").build();
        CatalogRecord file = add(aFile(dataset, "f.nc").withChecksum(new Checksum(Checksum.Algorithm.SHA256, "ab".repeat(32)))
                .build());

        assertThat(ids("checksum:" + "AB".repeat(32))).containsExactly(id(file));
        assertThat(ids("checksum:" + "ab".repeat(32))).containsExactly(id(file));
    }

    @Test
    void bareTermsFindTheTypeVersionIndexNodeAndChecksumAsTheyFindTheRest() {
        CatalogRecord dataset = add(aDataset("x.y").withVersion("v20190308").build());
        CatalogRecord file = add(aFile(dataset, "f.nc").withChecksum(new Checksum(Checksum.Algorithm.SHA256, "cd".repeat(32)))
                .build());

        assertThat(ids("20190308")).as("a v-prefixed version's number").contains(id(dataset));
        assertThat(ids("v20190308")).contains(id(dataset));
        assertThat(ids("cd".repeat(32))).containsExactly(id(file));
        assertThat(ids("SHA256")).containsExactly(id(file));
        assertThat(ids("file")).as("the type, in any case").containsExactly(id(file));
        assertThat(ids(dataset.indexNode())).contains(id(dataset), id(file));
    }

    @Test
    void degreesInFreeTextAreMatchedAsNumbers() {
        CatalogRecord arctic = add(aDataset("x.arctic").withGeoBox(new GeoBox(0, 66.5, 360, 90)).build());
        add(aDataset("x.tropics").withGeoBox(new GeoBox(0, -23.5, 360, 23.5)).build());

        assertThat(ids("south_degrees:[60 TO 90]")).containsExactly(id(arctic));
        assertThat(ids("north_degrees:{23.5 TO *]")).containsExactly(id(arctic));
        assertThat(ids("north_degrees:90")).containsExactly(id(arctic));
    }

    @Test
    void aNumberFieldRefusesTextAndPatternsNamingTheField() {
        add(aDataset("x.y").build());

        for (String text : List.of("size:large", "size:[ten TO *]", "size:10*", "size:/1.*/", "size:100~",
                "timestamp:[yesterday TO *]", "north_degrees:[NaN TO 1]", "north_degrees:0x1p3", "size:[\uFF15 TO *]",
                "_timestamp:[NOW+9999999999YEARS TO *]")) {
            assertThatThrownBy(() -> index.search(Query.builder().text(text).build()))
                    .as(text)
                    .isInstanceOf(InvalidQueryException.class)
                    .hasMessageContaining("field " + text.substring(0, text.indexOf(':')) + " holds")
                    .satisfies(failure -> assertThat(((InvalidQueryException) failure).parameter()).isEqualTo("query"));
        }
    }

    @Test
    void constraintsOnNumberFieldsNameTheParameterWhenAValueIsNotANumber() {
        assertThatThrownBy(() -> index.search(Query.builder().where("size", "big").build()))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessage("Parameter size must hold whole numbers, got 'big'")
                .satisfies(failure -> assertThat(((InvalidQueryException) failure).parameter()).isEqualTo("size"));
        assertThatThrownBy(() -> index.search(Query.builder().where("size", "+5").build()))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessage("Parameter size must hold whole numbers, got '+5'");
        assertThatThrownBy(() -> index.search(Query.builder().where("timestamp", "NOW+9999999999YEARS").build()))
                .isInstanceOf(InvalidQueryException.class)
                .satisfies(failure -> assertThat(((InvalidQueryException) failure).parameter()).isEqualTo("timestamp"));
        assertThatThrownBy(() -> index.search(Query.builder().where("timestamp", "soon").build()))
                .isInstanceOf(InvalidQueryException.class)
                .satisfies(failure -> assertThat(((InvalidQueryException) failure).parameter()).isEqualTo("timestamp"));
    }

    @Test
    void aVersionWithALeadingVIsStillANumber() {
        CatalogRecord record = add(aDataset("obs4MIPs.x").withVersion("v20200101").build());

        assertThat(index.search(Query.builder().minVersion(20200101L).maxVersion(20200101L).build()).hits())
                .singleElement()
                .satisfies(hit -> assertThat(hit.record()).isEqualTo(record));
    }

    private CatalogRecord add(CatalogRecord record) {
        index.apply(List.of(new CatalogChange.Upsert(++sequence, Stage.PRODUCTION, record,
                Instant.parse("2024-05-01T00:00:00Z"), new RecordJson().write(record))));
        index.refresh();
        return record;
    }

    private List<String> ids(String text) {
        List<String> ids = new ArrayList<>();
        index.search(Query.builder().text(text).limit(100).build()).hits()
                .forEach(hit -> ids.add(hit.record().id().value()));
        return ids;
    }

    private static String id(CatalogRecord record) {
        return record.id().value();
    }

    private static String translated(String text) {
        QueryTranslator translator = new QueryTranslator(new PerFieldAnalyzerWrapper(new KeywordAnalyzer(),
                Map.of(IndexFields.TEXT, new TextAnalyzer())), Clock.systemUTC());
        return translator.translate(Query.builder().text(text).build()).toString();
    }
}
