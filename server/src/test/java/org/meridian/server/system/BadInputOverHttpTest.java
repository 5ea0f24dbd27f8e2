package org.meridian.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meridian.catalog.RecordBuilder.aDataset;
import static org.meridian.catalog.RecordBuilder.aFile;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.meridian.catalog.CatalogRecord;
import org.meridian.server.identity.NodeRole;
import org.meridian.server.testing.BootedNode;

/**
 * Every bad-input case of the search APIs against a booted node over real HTTP (Tomcat, not a
 * mock): the right 4xx or 501, {@code application/problem+json} naming the parameter, and the
 * phrase ESGF clients match on. Never a 500.
 */
class BadInputOverHttpTest extends BootedNode {

    @BeforeEach
    void catalogHoldsADatasetWithAFile() throws InterruptedException {
        CatalogRecord dataset = aDataset("CMIP6.CMIP.NCAR.CESM2.historical.r1i1p1f1.Amon.tas.gn")
                .withFacet("source_id", "CESM2").build();
        writeAndAwaitIndexed(List.of(dataset, aFile(dataset, "tas.nc")
                .withUrl("https://data.example.org/tas.nc", "application/netcdf", "HTTPServer").build()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "/esg-search/search?colour=red;                               400; colour;      Invalid HTTP query parameter=colour",
        "/esg-search/search?colour!=red;                              400; colour!;     Invalid HTTP query parameter=colour!",
        "/esg-search/search?source_id=;                               400; source_id;   Invalid empty value for parameter=source_id",
        "/esg-search/search?limit=10001;                              400; limit;       Too many records requested, maximum allowed value is limit=10000",
        "/esg-search/search?limit=ten;                                400; limit;       limit",
        "/esg-search/search?offset=-1;                                400; offset;      offset",
        "/esg-search/search?lat=10;                                   400; lat;         Unsupported parameter: lat",
        "/esg-search/search?polygon=x;                                400; polygon;     Unsupported parameter: polygon",
        "/esg-search/search?type=dataset;                             400; type;        dataset",
        "/esg-search/search?query=%28tas;                             400; query;       query",
        "/esg-search/search?from=yesterday;                           400; from;        yesterday",
        "/esg-search/search?from=2020-01-01&to=2019-01-01;            400; to;          to",
        "/esg-search/search?limit!=5;                                 400; limit!;      Invalid HTTP query parameter=limit!",
        "/esg-search/search?latest!=yes;                              400; latest!;     must be true or false",
        "/esg-search/search?colour=;                                  400; colour;      Invalid HTTP query parameter=colour",
        "/esg-search/search?query=%2F.*tas%2F;                        400; query;       may start with any character",
        "/esg-search/search?bbox=%5B1%2C2%2C3%5D;                     400; bbox;        bbox",
        "/esg-search/search?distrib=perhaps;                          400; distrib;     distrib",
        "/esg-search/search?latest=yes;                               400; latest;      must be true or false",
        "/esg-search/search?sort=desc;                                400; sort;        must be true or false",
        "/esg-search/search?facets=%2C;                               400; facets;      Invalid empty value for parameter=facets",
        "/esg-search/search?facets=size;                              400; facets;      cannot be a facet",
        "/esg-search/search?fields=id%3Btitle;                        400; fields;      Invalid field name",
        "/esg-search/search?bbox=%5BNaN%2C0%2C10%2C10%5D;             400; bbox;        bbox",
        "/esg-search/search?size=big;                                 400; size;        whole numbers",
        "/esg-search/search?query=size%3A%5Bten%20TO%20*%5D;          400; query;       field size holds whole numbers",
        "/esg-search/search?format=application%2Fxml;                 501; format;      Invalid requested format: application/xml",
        "/esg-search/wget?type=Dataset;                               400; type;        File",
        "/esg-search/wget?limit=20000;                                400; limit;       Too many records requested",
        "/api/v1/search?colour=red;                                   400; colour;      Invalid HTTP query parameter=colour",
        "/api/v1/search?limit=-5;                                     400; limit;       limit",
        "/api/v1/search?query=AND%20AND;                              400; query;       query",
        "/api/v1/search?format=application%2Fsolr%2Bjson;             400; format;      format",
        "/api/v1/datasets/CMIP6.CMIP.NCAR.CESM2.historical.r1i1p1f1.Amon.tas.gn.v20190308%7Cesgf-data.example.org/files?offset=x; 400; offset; offset",
        "/api/v1/records/CMIP6.CMIP.NCAR.CESM2.historical.r1i1p1f1.Amon.tas.gn.v20190308%7Cesgf-data.example.org?fields=id; 400; fields; looked up by its id alone",
    })
    void badInputIsAProblemNamingTheParameter(String request, int status, String parameter, String phrase) throws Exception {
        HttpResponse<String> response = get(request);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains(phrase).contains("\"parameter\":\"" + parameter + "\"")
                .doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void unknownRecordsAreProblemsToo() throws Exception {
        HttpResponse<String> record = get("/api/v1/records/no-such-record%7Cnode");
        HttpResponse<String> files = get("/api/v1/datasets/no-such-dataset%7Cnode/files");

        assertThat(record.statusCode()).isEqualTo(404);
        assertThat(record.body()).contains("record-not-found");
        assertThat(files.statusCode()).isEqualTo(404);
        assertThat(files.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void theSearchPageShowsBadInputAsAPageWith400() throws Exception {
        HttpResponse<String> page = get("/?limit=99999");

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("limit").doesNotContain("Exception");
    }

    @Test
    void rawBarsAndBracketsAsTypedIntoCurlAreAccepted() throws Exception {
        String id = "CMIP6.CMIP.NCAR.CESM2.historical.r1i1p1f1.Amon.tas.gn.v20190308|esgf-data.example.org";

        assertThat(rawGet("/esg-search/search?format=application/solr%2Bjson&distrib=false&bbox=[-180,-90,180,90]&id=" + id))
                .startsWith("HTTP/1.1 200 ");
        assertThat(rawGet("/api/v1/records/" + id)).startsWith("HTTP/1.1 200 ");
    }

    @Test
    void anUnknownRecordAskedForWithARawBarIsA404ProblemNotA500() throws Exception {
        String record = rawGet("/api/v1/records/CMIP6.x|node");
        String files = rawGet("/api/v1/datasets/CMIP6.x|node/files");

        assertThat(record).as(record).startsWith("HTTP/1.1 404 ").containsIgnoringCase("Content-Type: application/problem+json")
                .contains("\"instance\":\"/api/v1/records/CMIP6.x%7Cnode\"");
        assertThat(files).as(files).startsWith("HTTP/1.1 404 ").containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(rawGet("/api/v1/search?colour=red")).contains("\"instance\":\"/api/v1/search\"");
    }

    /** Parameters Tomcat cannot decode, and paths the firewall refuses: 400 problems, never 500s. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "/api/v1/search?query=%zz;                 malformed-parameters",
        "/esg-search/search?query=%;               malformed-parameters",
        "/esg-search/search?=value;                malformed-parameters",
        "/api/v1/search?query=%C0%AE;              malformed-parameters",
        "/api/v1/search?project=CMIP6%FF%FE;       malformed-parameters",
        "/?query=%zz;                              malformed-parameters",
        "/api/v1/search?fo%00o=bar;                -",
        "/api/v1/records/..;                       rejected-request",
        "/api/v1/records/%2E%2E;                   rejected-request",
        "/api/v1/search?query=tas pr;              malformed-request",
        "/esg-search/search?query=<tas>;           malformed-request",
        "/api/v1/records/a%2Fb;                    malformed-request",
        "/search?query=\"tas\";                   malformed-request",
    })
    void undecodableOrRefusedRequestsAreProblems(String target, String code) throws Exception {
        String response = rawGet(target);

        assertThat(response).as(response).startsWith("HTTP/1.1 400 ").containsIgnoringCase("Content-Type: application/problem+json")
                .doesNotContain("Exception").doesNotContain("at org.").doesNotContain("Apache Tomcat");
        if (!code.equals("-")) {
            assertThat(response).contains("\"code\":\"" + code + "\"");
        }
    }

    @Test
    void anUndecodableParameterIsNamedInTheProblem() throws Exception {
        String response = rawGet("/api/v1/search?limit=5&query=%FF");

        assertThat(response).as(response).startsWith("HTTP/1.1 400 ")
                .contains("\"parameter\":\"query\"")
                .contains("\"detail\":\"Parameter query cannot be decoded: it is not percent-encoded UTF-8\"")
                // Refused by a filter, before Spring MVC runs: the same members as a handler's problem.
                .contains("\"instance\":\"/api/v1/search\"");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "POST,   /esg-search/search",
        "PUT,    /api/v1/search",
        "DELETE, /api/v1/datasets/x/files",
        "PATCH,  /api/v1/openapi.json",
    })
    void aMethodAReadEndpointDoesNotServeIs405NotASignInDemand(String method, String path) throws Exception {
        String response = raw(method, path);

        assertThat(response).as(response).startsWith("HTTP/1.1 405 ")
                .containsIgnoringCase("Content-Type: application/problem+json")
                .containsIgnoringCase("Allow: GET");
    }

    @Test
    void headAnswersWhatGetWouldWithoutTheBody() throws Exception {
        assertThat(raw("HEAD", "/esg-search/search?format=application/solr%2Bjson")).startsWith("HTTP/1.1 200 ")
                .containsIgnoringCase("Content-Type: text/json")
                .endsWith("\r\n\r\n");
        assertThat(raw("HEAD", "/api/v1/search")).startsWith("HTTP/1.1 200 ");
        assertThat(raw("HEAD", "/")).startsWith("HTTP/1.1 200 ");
    }

    @Test
    void optionsOnAReadApiListsTheMethodsItServes() throws Exception {
        assertThat(raw("OPTIONS", "/esg-search/search")).startsWith("HTTP/1.1 200 ").containsIgnoringCase("Allow: GET");
    }

    @Test
    void aRequestTooLargeForTomcatIsAProblemToo() throws Exception {
        String response = rawGet("/api/v1/search?query=" + "a".repeat(20_000));

        assertThat(response).as(response).startsWith("HTTP/1.1 400 ")
                .containsIgnoringCase("Content-Type: application/problem+json")
                .contains("\"code\":\"malformed-request\"")
                .doesNotContain("Apache Tomcat").doesNotContain("<html");
    }

    @Test
    void aChunkedBodyPastTheLimitIsA413ProblemLikeADeclaredOne() throws Exception {
        String token = tokenFor("bulk-writer", NodeRole.NODE_ADMIN);
        // 65 MiB of one JSON array, sent without a length: the node learns the size only by reading.
        byte[] chunk = ("{\"id\":\"x\"}," + " ".repeat(1024 * 1024 - 11)).getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/records HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(("1\r\n[\r\n").getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 65; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException answeredBeforeTheEnd) {
                // The node may answer and close before the client has sent everything; its answer is still there to read.
            }
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).as(response).startsWith("HTTP/1.1 413 ")
                    .containsIgnoringCase("Content-Type: application/problem+json")
                    .contains("\"code\":\"body-too-large\"")
                    .contains("more than " + 64 * 1024 * 1024 + " bytes");
        }
    }

    /** The whole response to a GET sent byte for byte: java.net.URI refuses what curl sends as typed. */
    private String rawGet(String target) throws IOException {
        return raw("GET", target);
    }

    private String raw(String method, String target) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            String contentLength = method.equals("GET") || method.equals("HEAD") ? "" : "Content-Length: 0\r\n";
            out.write((method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n" + contentLength + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
