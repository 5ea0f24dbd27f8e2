package org.meridian.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.meridian.catalog.FacetProfile;
import org.meridian.catalog.RecordType;

class SearchParametersTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:15:00Z");
    private final SearchParameters parameters = new SearchParameters(
            FacetProfile.CMIP6, Set.of("format", "distrib", "shards"), Clock.fixed(NOW, ZoneOffset.UTC));
    private final Query esgfDefaults = Query.builder().type(RecordType.DATASET).build();

    private SearchRequest parse(String... pairs) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.computeIfAbsent(pairs[i], key -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return parameters.parse(map, esgfDefaults);
    }

    private InvalidQueryException rejection(String... pairs) {
        try {
            parse(pairs);
        } catch (InvalidQueryException e) {
            return e;
        }
        throw new AssertionError("expected the parameters to be rejected");
    }

    @Test
    void emptyParametersKeepTheDefaults() {
        Query query = parse().query();

        assertThat(query.type()).contains(RecordType.DATASET);
        assertThat(query.limit()).isEqualTo(10);
        assertThat(query.offset()).isZero();
        assertThat(query.text()).isEmpty();
        assertThat(query.constraints()).isEmpty();
    }

    @Test
    void commaAndRepeatMeanOrAndDifferentNamesMeanAnd() {
        Query query = parse("source_id", "CESM2,UKESM1-0-LL", "source_id", "MIROC6", "experiment_id", "historical").query();

        assertThat(query.constraints()).containsExactly(
                new FieldConstraint("source_id", List.of("CESM2", "UKESM1-0-LL", "MIROC6"), List.of()),
                new FieldConstraint("experiment_id", List.of("historical"), List.of()));
    }

    @Test
    void commasInsideBracketsDoNotSplit() {
        assertThat(SearchParameters.splitValues("CESM1(CAM5.1,FV2),GFDL-CM3"))
                .containsExactly("CESM1(CAM5.1,FV2)", "GFDL-CM3");
        assertThat(SearchParameters.splitValues("[a,b],{c,d}")).containsExactly("[a,b]", "{c,d}");
    }

    @Test
    void negationAndPositiveOnTheSameFieldBothApply() {
        Query query = parse("experiment_id", "historical,ssp585", "experiment_id!", "ssp585").query();

        assertThat(query.constraints()).containsExactly(
                new FieldConstraint("experiment_id", List.of("historical", "ssp585"), List.of("ssp585")));
    }

    @Test
    void flagsAreTrueOrFalseOrTheirInitialOrOneOrZeroInAnyCase() {
        Query query = parse("latest", "True", "replica", "false", "retracted", "1").query();

        assertThat(query.latest()).contains(true);
        assertThat(query.replica()).contains(false);
        assertThat(query.retracted()).contains(true);
        assertThat(parse("latest", "FALSE", "replica", "0").query().latest()).contains(false);
        assertThat(parse("latest", "t").query().latest()).contains(true);
        assertThat(parse("latest", "T").query().latest()).contains(true);
        assertThat(parse("latest", "f").query().latest()).contains(false);
    }

    @Test
    void aFlagValueStartingWithNeitherIsRefusedRatherThanReadAsFalse() {
        // Solr would read all of these as false, which silently inverts what the caller meant.
        assertThat(rejection("latest", "yes")).hasMessage(
                "Parameter latest must be true or false (or t, f, 1, 0), got 'yes'");
        assertThat(rejection("latest", "tomato").parameter()).as("Solr's true").isEqualTo("latest");
        assertThat(rejection("replica", "maybe").parameter()).isEqualTo("replica");
        assertThat(rejection("retracted", "on").parameter()).isEqualTo("retracted");
        assertThat(rejection("sort", "desc").parameter()).isEqualTo("sort");
    }

    @Test
    void aNegatedFlagOrTypeIsReadAsItsParameterIs() {
        Query query = parse("latest!", "True", "replica!", "0", "type!", "File").query();

        assertThat(query.constraints()).containsExactly(
                new FieldConstraint("latest", List.of(), List.of("true")),
                new FieldConstraint("replica", List.of(), List.of("false")),
                new FieldConstraint("type", List.of(), List.of("File")));
        assertThat(rejection("latest!", "yes").parameter()).isEqualTo("latest!");
        assertThat(rejection("type!", "file").parameter()).isEqualTo("type!");
    }

    @Test
    void aKeywordThatIsNoRecordFieldCannotBeNegated() {
        // limit!=5 would exclude nothing at all, silently.
        for (String name : List.of("limit!", "offset!", "query!", "facets!", "fields!", "sort!", "from!", "start!",
                "bbox!", "min_version!")) {
            assertThat(rejection(name, "5")).as(name).hasMessage("Invalid HTTP query parameter=" + name);
        }
    }

    @Test
    void facetsStarMeansTheProfileAndListsAreUnited() {
        assertThat(parse("facets", "*").query().facets()).isEqualTo(FacetProfile.CMIP6.facets());
        assertThat(parse("facets", "project, source_id", "facets", "source_id,variable_id").query().facets())
                .containsExactly("project", "source_id", "variable_id");
    }

    @Test
    void fieldsStarMeansAllFields() {
        assertThat(parse("fields", "*").wantsAllFields()).isTrue();
        assertThat(parse("fields", "id, title").fields()).containsExactly("id", "title");
        assertThat(parse("fields", "id,*").wantsAllFields()).isTrue();
    }

    @Test
    void fieldsNoRecordCarriesAreAcceptedButMalformedNamesAreNot() {
        assertThat(parse("fields", "driving_model,_timestamp,score").fields())
                .containsExactly("driving_model", "_timestamp", "score");
        assertThat(rejection("fields", "id;title"))
                .hasMessageStartingWith("Invalid field name in parameter fields: 'id;title'");
        assertThat(rejection("fields", "2nd").parameter()).isEqualTo("fields");
        assertThat(rejection("fields", "source id").parameter()).isEqualTo("fields");
    }

    @Test
    void listsOfSeparatorsOnlyAreEmptyValues() {
        assertThat(rejection("facets", ",")).hasMessage("Invalid empty value for parameter=facets");
        assertThat(rejection("fields", " , ")).hasMessage("Invalid empty value for parameter=fields");
    }

    @Test
    void nearUniqueCoreFieldsCannotBeFacets() {
        assertThat(rejection("facets", "project,size"))
                .hasMessageStartingWith("Field size cannot be a facet");
        assertThat(rejection("facets", "checksum").parameter()).isEqualTo("facets");
        assertThat(parse("facets", "data_node,checksum_type").query().facets()).containsExactly("data_node", "checksum_type");
    }

    @Test
    void theTypeAndTheFlagsAreRecordFieldsAndCanBeCounted() {
        assertThat(parse("facets", "type,latest,replica,retracted").query().facets())
                .containsExactly("type", "latest", "replica", "retracted");
        assertThat(rejection("facets", "limit")).hasMessage("Invalid facet name in parameter facets: limit");
    }

    @Test
    void timeRangesAcceptInstantsDatesAndDateMath() {
        Query query = parse("from", "NOW-1YEAR", "to", "NOW/DAY", "start", "1850-01-01", "end", "2014-12-31T23:59:59.5Z").query();

        assertThat(query.cataloged().from()).contains(Instant.parse("2025-11-23T10:15:00Z"));
        assertThat(query.cataloged().to()).contains(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(query.coverage().start()).contains(Instant.parse("1850-01-01T00:00:00Z"));
        assertThat(query.coverage().end()).contains(Instant.parse("2014-12-31T23:59:59.5Z"));
    }

    @Test
    void aCoverageStartAfterItsEndKeepsWhatCoversTheWholeSpan() {
        Query query = parse("start", "2000-01-01", "end", "1990-01-01").query();

        assertThat(query.coverage()).isEqualTo(new CoverageOverlap(
                Optional.of(Instant.parse("2000-01-01T00:00:00Z")), Optional.of(Instant.parse("1990-01-01T00:00:00Z"))));
    }

    @Test
    void filesAreListedInIdOrderUnlessSortIsAsked() {
        assertThat(parse("type", "File").query().sort()).isEqualTo(SortOrder.ID);
        assertThat(parse("type", "File", "query", "tas").query().sort()).as("a text query too").isEqualTo(SortOrder.ID);
        assertThat(parse("type", "File", "sort", "true").query().sort()).isEqualTo(SortOrder.NEWEST);
        assertThat(parse("type", "Dataset").query().sort()).isEqualTo(SortOrder.RELEVANCE);
    }

    @Test
    void adapterParametersAreLeftToTheAdapter() {
        assertThat(parse("format", "application/solr+json", "distrib", "false").query().constraints()).isEmpty();
    }

    @Test
    void bboxAndVersions() {
        assertThat(parse("bbox", "[-1.5e1, .5, +20., 60]").query().bbox())
                .hasValueSatisfying(box -> assertThat(box.west()).isEqualTo(-15));
        Query query = parse("bbox", "[-10,40,20,60]", "min_version", "20190101", "max_version", "v20201231").query();

        assertThat(query.bbox()).hasValueSatisfying(box -> assertThat(box.north()).isEqualTo(60));
        assertThat(query.minVersion()).contains(20190101L);
        assertThat(query.maxVersion()).contains(20201231L);
    }

    @Test
    void rejectsUnknownParametersWithTheEsgfPhrase() {
        InvalidQueryException error = rejection("colour", "red");

        assertThat(error.parameter()).isEqualTo("colour");
        assertThat(error).hasMessage("Invalid HTTP query parameter=colour");
        assertThat(rejection("colour!", "red")).hasMessage("Invalid HTTP query parameter=colour!");
        assertThat(rejection("colour", "")).as("an unknown name is reported before its empty value")
                .hasMessage("Invalid HTTP query parameter=colour");
    }

    @Test
    void rejectsEmptyValues() {
        assertThat(rejection("source_id", "")).hasMessage("Invalid empty value for parameter=source_id");
        assertThat(rejection("query", " ")).hasMessage("Invalid empty value for parameter=query");
        assertThat(rejection("project", ",")).hasMessage("Invalid empty value for parameter=project");
        assertThat(rejection("project!", ",,").parameter()).isEqualTo("project!");
    }

    @Test
    void rejectsTooLargeAndMalformedPaging() {
        assertThat(rejection("limit", "10001"))
                .hasMessage("Too many records requested, maximum allowed value is limit=10000");
        assertThat(rejection("limit", "ten").parameter()).isEqualTo("limit");
        assertThat(rejection("limit", "\uFF15").parameter()).as("a full-width digit").isEqualTo("limit");
        assertThat(rejection("offset", "+5").parameter()).isEqualTo("offset");
        assertThat(rejection("offset", "-1").parameter()).isEqualTo("offset");
        assertThat(parse("limit", "0").query().limit()).isZero();
        assertThat(rejection("offset", "9223372036854775807"))
                .hasMessage("Parameter offset must be at most 2147483647, got '9223372036854775807'");
        assertThat(rejection("offset", "99999999999999999999").parameter()).isEqualTo("offset");
    }

    @Test
    void rejectsSpatialParametersEsgfNeverSupported() {
        assertThat(rejection("lat", "10")).hasMessage("Unsupported parameter: lat");
        assertThat(rejection("polygon", "x")).hasMessage("Unsupported parameter: polygon");
    }

    @Test
    void rejectsMalformedValuesNamingTheParameter() {
        assertThat(rejection("type", "dataset").parameter()).isEqualTo("type");
        assertThat(rejection("type", "Dataset", "type", "File").parameter()).isEqualTo("type");
        assertThat(rejection("from", "yesterday").parameter()).isEqualTo("from");
        assertThat(rejection("from", "NOW+9999999999YEARS").parameter()).as("beyond the time line").isEqualTo("from");
        assertThat(rejection("to", "NOW-99999999999999DAYS").parameter()).isEqualTo("to");
        assertThat(rejection("bbox", "[1,2,3]").parameter()).isEqualTo("bbox");
        assertThat(rejection("bbox", "[NaN,0,10,10]").parameter()).isEqualTo("bbox");
        assertThat(rejection("bbox", "[0,0,Infinity,10]").parameter()).isEqualTo("bbox");
        assertThat(rejection("bbox", "[0x1p3,0,10,10]").parameter()).isEqualTo("bbox");
        assertThat(rejection("bbox", "[1d,0,10,10]").parameter()).isEqualTo("bbox");
        assertThat(rejection("bbox", "[1e999,0,10,10]").parameter()).isEqualTo("bbox");
        assertThat(rejection("min_version", "latest").parameter()).isEqualTo("min_version");
        assertThat(rejection("facets", "colour").parameter()).isEqualTo("facets");
    }

    @Test
    void cmip6NamesAreAcceptedConstraintsWhateverTheProfileCounts() {
        SearchParameters small = new SearchParameters(new FacetProfile(List.of("project", "variable_id")), Set.of(),
                Clock.fixed(NOW, ZoneOffset.UTC));

        Query query = small.parse(Map.of("member_id", List.of("r1i1p1f1"), "grid_label", List.of("gn")), esgfDefaults).query();

        assertThat(query.constraints()).extracting(FieldConstraint::field).containsExactlyInAnyOrder("member_id", "grid_label");
    }

    @Test
    void federationFacetNamesAreAcceptedConstraints() {
        Query query = parse("model", "CCSM4", "time_frequency", "mon").query();

        assertThat(query.constraints()).extracting(FieldConstraint::field).containsExactly("model", "time_frequency");
    }

    @Test
    void textQueryIsKeptAndMatchAllMeansNoText() {
        assertThat(parse("query", "temperature AND CESM2").query().text()).contains("temperature AND CESM2");
        assertThat(parse("query", "*:*").query().text()).isEqualTo(Optional.empty());
    }
}
