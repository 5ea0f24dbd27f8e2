package org.meridian.server.esgf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meridian.server.testing.QueryStrings.uri;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.meridian.server.testing.SampleCatalog;
import org.meridian.server.testing.SampleCatalogConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestConstructor;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The wget endpoint's request handling and script contents (spec §8); {@code WgetScriptRunTest} runs scripts. */
@WebMvcTest(controllers = WgetController.class)
@Import(SampleCatalogConfiguration.class)
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class WgetControllerTests {
    private static final Pattern FILE_LIST = Pattern.compile(
            "done <<'EOF--dataset.file.url.chksum_type.chksum'\n(.*?)EOF--dataset.file.url.chksum_type.chksum\n", Pattern.DOTALL);
    private static final String FIRST_FILE_URL =
            "https://esgf-data.example.org/thredds/fileServer/css03_data/CMIP6/" + SampleCatalog.FIRST_FILE_NAME;

    private final MockMvcTester mvc;

    WgetControllerTests(MockMvcTester mvc) {
        this.mvc = mvc;
    }

    /** pyesgf's test_download_script checks both header lines (spec §8). */
    @Test
    void scriptCarriesEsgfHeaderLinesAndListsEveryPublicFile() {
        MvcTestResult result = mvc.get().uri(uri("/esg-search/wget", "project=CMIP6", "distrib=false")).exchange();

        assertThat(result).hasStatusOk().hasContentType("text/x-sh;charset=UTF-8");
        assertThat(result.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION))
                .matches("attachment; filename=\"wget-\\d{14}\\.sh\"");
        String script = script(result);
        assertThat(script).startsWith("#!/usr/bin/env bash\n")
                .contains("\n# ESG Federation download script\n")
                .contains("\n# Search URL: http://localhost/esg-search/wget?project=CMIP6&distrib=false\n")
                .doesNotContain("# Warning");
        assertThat(files(script)).containsExactly(
                "'" + SampleCatalog.FIRST_FILE_NAME + "' '" + FIRST_FILE_URL + "' 'SHA256' '" + "1".repeat(64) + "'",
                "'tas_Amon_CESM2_historical_r1i1p1f1_gn_190001-201412.nc' "
                        + "'https://esgf-data.example.org/thredds/fileServer/css03_data/CMIP6/tas_Amon_CESM2_historical_r1i1p1f1_gn_190001-201412.nc' "
                        + "'SHA256' '" + "2".repeat(64) + "'",
                "'tas_Amon_UKESM1-0-LL_ssp585_r1i1p1f2_gn_201501-204912.nc' "
                        + "'https://esgf-data.example.org/thredds/fileServer/css03_data/CMIP6/tas_Amon_UKESM1-0-LL_ssp585_r1i1p1f2_gn_201501-204912.nc' "
                        + "'MD5' '" + "a".repeat(32) + "'");
    }

    @Test
    void constraintsNarrowTheListLikeASearch() {
        String script = script(mvc.get().uri(uri("/esg-search/wget", "dataset_id=" + SampleCatalog.CESM2_TAS.id().value(),
                "limit=1")).exchange());

        assertThat(files(script)).singleElement().asString().startsWith("'" + SampleCatalog.FIRST_FILE_NAME + "'");
        assertThat(script).contains("# Warning: The search matched 2 files but this script lists only 1 (limit=1)")
                .contains("echo 'Warning: The search matched 2 files");
    }

    @Test
    void aDistributedRequestSaysOnlyThisNodesFilesAreListed() {
        assertThat(script(mvc.get().uri(uri("/esg-search/wget", "distrib=true")).exchange()))
                .contains("# Warning: Only this node's files are listed");
    }

    @Test
    void downloadStructureLaysFilesOutInDirectoriesNamedByFieldValues() {
        String script = script(mvc.get().uri(uri("/esg-search/wget", "source_id=CESM2",
                "download_structure=project,source_id,variable_id,version")).exchange());

        assertThat(files(script)).hasSize(2)
                .allSatisfy(line -> assertThat(line).startsWith("'CMIP6/CESM2/tas/20190308/tas_Amon_CESM2_"));
    }

    @Test
    void emptyPathFillsLevelsWithoutValueAndWithoutItTheLevelIsLeftOut() {
        String filled = script(mvc.get().uri(uri("/esg-search/wget", "source_id=CESM2",
                "download_structure=project,sub_experiment_id", "download_emptypath=none")).exchange());
        String skipped = script(mvc.get().uri(uri("/esg-search/wget", "source_id=CESM2",
                "download_structure=project,sub_experiment_id")).exchange());

        assertThat(files(filled)).allSatisfy(line -> assertThat(line).startsWith("'CMIP6/none/tas_Amon_CESM2_"));
        assertThat(files(skipped)).allSatisfy(line -> assertThat(line).startsWith("'CMIP6/tas_Amon_CESM2_"));
    }

    @Test
    void postedFormFieldsWorkLikeAQueryString() {
        MvcTestResult result = mvc.post().uri("/esg-search/wget")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("source_id=CESM2&variable_id=tas")
                .exchange();

        assertThat(files(script(result))).hasSize(2);
        assertThat(script(result)).contains("# Search URL: http://localhost/esg-search/wget?source_id=CESM2&variable_id=tas\n");
    }

    @Test
    void formatIsIgnored() {
        assertThat(mvc.get().uri(uri("/esg-search/wget", "format=application/solr+json", "project=CMIP6")).exchange())
                .hasStatusOk().hasContentType("text/x-sh;charset=UTF-8");
    }

    @Test
    void bareGetRedirectsToAOneFileSample() {
        assertThat(mvc.get().uri("/esg-search/wget").exchange())
                .hasStatus(302)
                .hasHeader(HttpHeaders.LOCATION, "/esg-search/wget?limit=1&distrib=false");
    }

    @Test
    void typeOtherThanFileIsRejected() {
        MvcTestResult result = mvc.get().uri(uri("/esg-search/wget", "type=Dataset")).exchange();

        assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("type must be File");
        assertThat(result).bodyJson().extractingPath("$.parameter").isEqualTo("type");
        assertThat(mvc.get().uri(uri("/esg-search/wget", "type=File")).exchange()).hasStatusOk();
    }

    @Test
    void rejectsBadInputNamingTheParameter() {
        for (List<String> bad : List.of(
                List.of("limit=10001", "limit", "Too many records requested, maximum allowed value is limit=10000"),
                List.of("colour=red", "colour", "Invalid HTTP query parameter=colour"),
                List.of("distrib=maybe", "distrib", "Parameter distrib must be true or false"),
                List.of("download_structure=project,../x", "download_structure", "must list field names"),
                List.of("download_emptypath=", "download_emptypath", "Invalid empty value"))) {
            MvcTestResult result = mvc.get().uri(uri("/esg-search/wget", bad.get(0))).exchange();

            assertThat(result).as(bad.get(0)).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(result).bodyJson().extractingPath("$.parameter").isEqualTo(bad.get(1));
            assertThat(result).bodyJson().extractingPath("$.detail").asString().contains(bad.get(2));
        }
    }

    private static String script(MvcTestResult result) {
        assertThat(result).hasStatusOk();
        try {
            return result.getResponse().getContentAsString();
        } catch (java.io.UnsupportedEncodingException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> files(String script) {
        Matcher list = FILE_LIST.matcher(script);
        assertThat(list.find()).as("the script has a file list").isTrue();
        return list.group(1).lines().toList();
    }
}
