package org.meridian.server.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.meridian.catalog.RecordBuilder.aDataset;
import static org.meridian.catalog.RecordBuilder.aFile;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.RecordId;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.Stage;
import org.meridian.server.audit.Actor;
import org.meridian.server.audit.AuditEvent;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.audit.AuditQuery;
import org.meridian.server.audit.Outcome;
import org.meridian.server.identity.Caller;
import org.meridian.server.identity.NewUser;
import org.meridian.server.identity.NodeRole;
import org.meridian.server.identity.OrgRole;
import org.meridian.server.identity.TokenScope;
import org.meridian.server.identity.User;
import org.meridian.server.testing.BootedNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST/PUT/DELETE /api/v1/records} over real HTTP: who may write which record, what a
 * refused or invalid write leaves behind (nothing), and the audit trail of every change.
 */
class RecordWriteApiTest extends BootedNode {
    private static boolean prepared;
    private static String adminToken;
    private static String ipslPublisher;
    private static String ncarPublisher;
    private static String bothPublisher;
    private static String ipslReadOnlyScope;

    @Autowired
    AuditLog audit;

    @Autowired
    DataSource dataSource;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final RecordJson json = new RecordJson();

    @BeforeEach
    void prepareOnce() {
        if (prepared) {
            return;
        }
        prepared = true;
        User admin = identity.createUser(Caller.ANONYMOUS, Actor.commandLine(), "t",
                new NewUser("root", Optional.empty(), Optional.empty(), Set.of(NodeRole.NODE_ADMIN)), Optional.empty());
        Caller root = Caller.of(admin);
        identity.createOrganisation(root, "t", "ipsl", "IPSL");
        identity.createOrganisation(root, "t", "ncar", "NCAR");
        adminToken = token(admin, EnumSet.allOf(TokenScope.class));
        ipslPublisher = token(publisher("pierre", "ipsl"), EnumSet.allOf(TokenScope.class));
        ncarPublisher = token(publisher("nora", "ncar"), EnumSet.allOf(TokenScope.class));
        User both = publisher("bea", "ipsl");
        identity.grantRole(root, "t", "bea", "ncar", OrgRole.PUBLISHER);
        bothPublisher = token(identity.findUser("bea").orElseThrow(), EnumSet.allOf(TokenScope.class));
        ipslReadOnlyScope = token(identity.findUser("pierre").orElseThrow(), EnumSet.of(TokenScope.READ));
    }

    private User publisher(String name, String organisation) {
        Caller root = Caller.of(identity.findUser("root").orElseThrow());
        identity.createUser(root, Actor.user("root"), "t",
                new NewUser(name, Optional.empty(), Optional.empty(), Set.of()), Optional.empty());
        identity.grantRole(root, "t", name, organisation, OrgRole.PUBLISHER);
        return identity.findUser(name).orElseThrow();
    }

    private String token(User user, Set<TokenScope> scopes) {
        return identity.createToken(Caller.of(user), "t", "writes", scopes, Duration.ofDays(1)).secret();
    }

    @Test
    void aPublisherCreatesADatasetWithItsFilesAndTheNodeServesAndAuditsThem() throws Exception {
        CatalogRecord dataset = aDataset("CMIP6.ScenarioMIP.IPSL.write-one").build();
        CatalogRecord file = aFile(dataset, "tas_one.nc").build();
        long auditBefore = audit.head().sequence();

        HttpResponse<String> created = send("POST", "/api/v1/records", ipslPublisher, array(dataset, file));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode summary = mapper.readTree(created.body());
        assertThat(summary.get("created").asInt()).isEqualTo(2);
        assertThat(summary.get("stage").asString()).isEqualTo("production");
        assertThat(summary.get("records").findValuesAsString("result")).containsExactly("created", "created");
        assertThat(summary.get("claimed").isEmpty()).as("new records belong to their writer without saying").isTrue();
        awaitIndexed(summary.get("sequence").asLong());
        assertThat(get("/api/v1/records/" + encode(dataset.id()), ipslPublisher).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/datasets/" + encode(dataset.id()) + "/files").body()).contains("tas_one.nc");

        List<AuditEvent> events = eventsAfter(auditBefore);
        assertThat(events).extracting(event -> event.entry().action())
                .containsExactlyInAnyOrder("record.owner-set", "record.owner-set", "record.create", "record.create");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.entry().actor().name()).startsWith("pierre/token:");
            assertThat(event.entry().outcome()).isEqualTo(Outcome.SUCCESS);
        });
        assertThat(events).filteredOn(event -> event.entry().action().equals("record.create"))
                .allSatisfy(event -> assertThat(event.entry().details()).containsEntry("organisation", "ipsl")
                        .containsEntry("stage", "production").containsKey("sequence"));
    }

    @Test
    void replacingARecordReportsUpdatedAndAnIdenticalWriteChangesNothing() throws Exception {
        CatalogRecord dataset = aDataset("CMIP6.ScenarioMIP.IPSL.write-two").build();
        assertThat(send("PUT", "/api/v1/records/" + encode(dataset.id()), ipslPublisher, json.write(dataset))
                .statusCode()).isEqualTo(201);
        CatalogRecord retitled = aDataset("CMIP6.ScenarioMIP.IPSL.write-two").withTitle("A better title").build();

        HttpResponse<String> updated = send("PUT", "/api/v1/records/" + encode(dataset.id()), ipslPublisher,
                json.write(retitled));
        long auditBefore = audit.head().sequence();
        HttpResponse<String> again = send("PUT", "/api/v1/records/" + encode(dataset.id()), ipslPublisher,
                json.write(retitled));

        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(mapper.readTree(updated.body()).get("updated").asInt()).isEqualTo(1);
        assertThat(mapper.readTree(again.body()).get("unchanged").asInt()).isEqualTo(1);
        assertThat(eventsAfter(auditBefore)).as("an unchanged record is no change to audit").isEmpty();
        assertThat(store.find(Stage.PRODUCTION, dataset.id()).orElseThrow().title()).isEqualTo("A better title");
    }

    @Test
    void anotherOrganisationsPublisherIsRefusedAuditedAndChangesNothing() throws Exception {
        CatalogRecord dataset = aDataset("CMIP6.ScenarioMIP.IPSL.write-three").build();
        assertThat(send("POST", "/api/v1/records", ipslPublisher, json.write(dataset)).statusCode()).isEqualTo(200);
        CatalogRecord hijacked = aDataset("CMIP6.ScenarioMIP.IPSL.write-three").withTitle("Hijacked").build();
        CatalogRecord foreignFile = aFile(dataset, "sneaked_in.nc").build();
        long auditBefore = audit.head().sequence();

        HttpResponse<String> replaced = send("POST", "/api/v1/records", ncarPublisher, json.write(hijacked));
        HttpResponse<String> removed = send("DELETE", "/api/v1/records/" + encode(dataset.id()), ncarPublisher, null);
        HttpResponse<String> fileAdded = send("POST", "/api/v1/records", ncarPublisher, array(foreignFile));

        assertThat(List.of(replaced, removed, fileAdded)).allSatisfy(response -> {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        });
        assertThat(fileAdded.body()).contains("records[0].dataset_id");
        assertThat(store.find(Stage.PRODUCTION, dataset.id()).orElseThrow().title()).isNotEqualTo("Hijacked");
        assertThat(store.find(Stage.PRODUCTION, foreignFile.id())).isEmpty();
        assertThat(eventsAfter(auditBefore)).extracting(event -> event.entry().action(), event -> event.entry().outcome())
                .containsExactly(tuple("record.write", Outcome.DENIED), tuple("record.remove", Outcome.DENIED),
                        tuple("record.write", Outcome.DENIED));
    }

    @Test
    void aNewMasterIdDoesNotMakeSomeoneElsesRecordOnesOwn() throws Exception {
        CatalogRecord dataset = aDataset("CMIP6.ScenarioMIP.IPSL.write-twelve").build();
        CatalogRecord file = aFile(dataset, "kept.nc").build();
        CatalogRecord secret = aDataset("CMIP6.ScenarioMIP.IPSL.write-thirteen").withAccessGroup("ipsl").build();
        assertThat(send("POST", "/api/v1/records", ipslPublisher, array(dataset, file, secret)).statusCode())
                .isEqualTo(200);
        CatalogRecord loaded = aDataset("CMIP6.CMIP.loaded-by-operator-two").build();
        writeAndAwaitIndexed(List.of(loaded));
        long auditBefore = audit.head().sequence();

        HttpResponse<String> put = send("PUT", "/api/v1/records/" + encode(dataset.id()), ncarPublisher,
                renamed(dataset, "NCAR.taken"));
        HttpResponse<String> post = send("POST", "/api/v1/records", ncarPublisher, renamed(file, "NCAR.taken.file"));
        HttpResponse<String> invisible = send("POST", "/api/v1/records", ncarPublisher, renamed(secret, "NCAR.secret"));
        HttpResponse<String> operators = send("POST", "/api/v1/records", ncarPublisher, renamed(loaded, "NCAR.mine"));
        HttpResponse<String> removed = send("DELETE", "/api/v1/records/" + encode(dataset.id()), ncarPublisher, null);

        assertThat(List.of(put, post, invisible, operators)).allSatisfy(response ->
                assertThat(response.statusCode()).as(response.body()).isEqualTo(403));
        assertThat(removed.statusCode()).isEqualTo(403);
        assertThat(store.find(Stage.PRODUCTION, dataset.id()).orElseThrow().masterId()).isEqualTo(dataset.masterId());
        assertThat(store.find(Stage.PRODUCTION, file.id()).orElseThrow().masterId()).isEqualTo(file.masterId());
        assertThat(store.find(Stage.PRODUCTION, secret.id()).orElseThrow().accessGroup()).hasValue("ipsl");
        assertThat(store.find(Stage.PRODUCTION, loaded.id()).orElseThrow().masterId()).isEqualTo(loaded.masterId());
        assertThat(eventsAfter(auditBefore)).extracting(event -> event.entry().outcome()).containsOnly(Outcome.DENIED)
                .hasSize(5);
        HttpResponse<String> ownRename = send("PUT", "/api/v1/records/" + encode(dataset.id()), ipslPublisher,
                renamed(dataset, "CMIP6.ScenarioMIP.IPSL.write-twelve-renamed"));
        assertThat(ownRename.statusCode()).as("the owner may still change a record's master id").isEqualTo(200);
    }

    @Test
    void aDatasetTakesAFileAnotherOrganisationOwnsOnlyWhenTheCallerMayWriteItToo() throws Exception {
        CatalogRecord dataset = aDataset("CMIP6.ScenarioMIP.IPSL.write-fourteen").build();
        CatalogRecord own = aFile(dataset, "own.nc").build();
        CatalogRecord foreign = aFile(dataset, "foreign.nc").build();
        assertThat(send("POST", "/api/v1/records", ipslPublisher, array(dataset, own, foreign)).statusCode())
                .isEqualTo(200);
        // Only an ownership recorded before files had to follow their dataset's owner could do this.
        new JdbcTemplate(dataSource).update("UPDATE record_owners SET organisation_id = 'ncar' WHERE master_id = ?",
                foreign.masterId());

        HttpResponse<String> refused = send("DELETE", "/api/v1/records/" + encode(dataset.id()), ipslPublisher, null);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains(foreign.id().value());
        assertThat(store.find(Stage.PRODUCTION, own.id())).as("the refused removal removed nothing").isPresent();

        HttpResponse<String> byBoth = send("DELETE", "/api/v1/records/" + encode(dataset.id()), bothPublisher, null);

        assertThat(byBoth.statusCode()).as(byBoth.body()).isEqualTo(200);
        assertThat(mapper.readTree(byBoth.body()).get("removed").asInt()).isEqualTo(3);
        assertThat(audit.find(AuditQuery.newest(10))).filteredOn(event -> event.entry().target().equals(foreign.id().value()))
                .first().satisfies(event -> assertThat(event.entry().details()).containsEntry("organisation", "ncar"));
    }

    @Test
    void aPublishOnlyTokenRemovesItsOrganisationsRestrictedRecordsAsItWritesThem() throws Exception {
        CatalogRecord secret = aDataset("CMIP6.ScenarioMIP.IPSL.write-fifteen").withAccessGroup("ipsl").build();
        String publishOnly = token(identity.findUser("pierre").orElseThrow(), EnumSet.of(TokenScope.PUBLISH));

        HttpResponse<String> written = send("POST", "/api/v1/records", publishOnly, json.write(secret));
        HttpResponse<String> removed = send("DELETE", "/api/v1/records/" + encode(secret.id()), publishOnly, null);

        assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(store.find(Stage.PRODUCTION, secret.id())).isEmpty();
    }

    /** The record as JSON, with another master id under the same record id. */
    private String renamed(CatalogRecord record, String masterId) {
        ObjectNode node = (ObjectNode) mapper.readTree(json.write(record));
        node.put("master_id", masterId);
        return node.toString();
    }

    @Test
    void anInvalidRecordInABulkWriteIsNamedAndNothingOfTheRequestIsWritten() throws Exception {
        CatalogRecord good = aDataset("CMIP6.ScenarioMIP.IPSL.write-four").build();
        String withoutTitle = mapper.readTree(json.write(aDataset("CMIP6.ScenarioMIP.IPSL.write-five").build()))
                .deepCopy().toString().replaceFirst("\"title\":\"[^\"]*\",?", "");
        CatalogRecord orphan = aFile(aDataset("CMIP6.ScenarioMIP.IPSL.never-written").build(), "orphan.nc").build();
        CatalogRecord unknownGroup = aDataset("CMIP6.ScenarioMIP.IPSL.write-six").withAccessGroup("nobody").build();

        HttpResponse<String> missingTitle = send("POST", "/api/v1/records", ipslPublisher,
                "[" + json.write(good) + "," + withoutTitle + "]");
        HttpResponse<String> missingDataset = send("POST", "/api/v1/records", ipslPublisher, array(good, orphan));
        HttpResponse<String> badGroup = send("POST", "/api/v1/records", ipslPublisher, json.write(unknownGroup));
        HttpResponse<String> notJson = send("POST", "/api/v1/records", ipslPublisher, "[{\"id\": ");

        assertThat(field(missingTitle)).isEqualTo("records[1].title");
        assertThat(field(missingDataset)).isEqualTo("records[1].dataset_id");
        assertThat(field(badGroup)).isEqualTo("access_group");
        assertThat(List.of(missingTitle, missingDataset, badGroup, notJson)).allSatisfy(response -> {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        });
        assertThat(store.find(Stage.PRODUCTION, good.id())).as("the valid record of a refused request").isEmpty();
    }

    @Test
    void badParametersAreNamed() throws Exception {
        CatalogRecord dataset = aDataset("CMIP6.ScenarioMIP.IPSL.write-seven").build();

        assertThat(parameter(send("POST", "/api/v1/records?stage=draft", ipslPublisher, json.write(dataset))))
                .isEqualTo("stage");
        assertThat(parameter(send("POST", "/api/v1/records?colour=red", ipslPublisher, json.write(dataset))))
                .isEqualTo("colour");
        assertThat(parameter(send("POST", "/api/v1/records?organisation=nowhere", ipslPublisher, json.write(dataset))))
                .isEqualTo("organisation");
        assertThat(parameter(send("POST", "/api/v1/records", bothPublisher, json.write(dataset))))
                .as("a publisher of two organisations names the owner of a new record").isEqualTo("organisation");
        assertThat(parameter(send("DELETE", "/api/v1/records", ipslPublisher, null))).isEqualTo("id");
        assertThat(send("POST", "/api/v1/records?organisation=ncar", bothPublisher, json.write(dataset)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void writingNeedsThePublisherRoleAndThePublishScope() throws Exception {
        CatalogRecord dataset = aDataset("CMIP6.ScenarioMIP.IPSL.write-eight").build();
        String member = tokenFor("maud");
        identity.grantRole(Caller.of(identity.findUser("root").orElseThrow()), "t", "maud", "ipsl", OrgRole.MEMBER);

        assertThat(send("POST", "/api/v1/records", ipslReadOnlyScope, json.write(dataset)).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/v1/records", member, json.write(dataset)).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/v1/records", null, json.write(dataset)).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/v1/records?organisation=ncar", ipslPublisher, json.write(dataset)).statusCode())
                .as("a publisher of one organisation writing for another").isEqualTo(403);
        assertThat(store.find(Stage.PRODUCTION, dataset.id())).isEmpty();
    }

    @Test
    void aNodeAdministratorAssignsAnOperatorsRecordByPublishingANewVersionOfIt() throws Exception {
        CatalogRecord loaded = aDataset("CMIP6.CMIP.loaded-then-versioned").build();
        writeAndAwaitIndexed(List.of(loaded));
        CatalogRecord newVersion = aDataset("CMIP6.CMIP.loaded-then-versioned").withVersion("20250101").build();
        CatalogRecord third = aDataset("CMIP6.CMIP.loaded-then-versioned").withVersion("20260101").build();

        HttpResponse<String> assigned = send("POST", "/api/v1/records?organisation=ipsl", adminToken,
                json.write(newVersion));
        HttpResponse<String> byPublisher = send("POST", "/api/v1/records", ipslPublisher, json.write(third));

        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
        assertThat(assigned.body()).contains("\"created\":1");
        assertThat(byPublisher.statusCode()).as("every version belongs to ipsl now").isEqualTo(200);
    }

    @Test
    void recordsLoadedByTheOperatorAreChangedOnlyByANodeAdministratorWhoMayAssignThem() throws Exception {
        CatalogRecord loaded = aDataset("CMIP6.CMIP.loaded-by-operator").build();
        writeAndAwaitIndexed(List.of(loaded));
        CatalogRecord newVersion = aDataset("CMIP6.CMIP.loaded-by-operator").withVersion("20250101").build();

        HttpResponse<String> byPublisher = send("POST", "/api/v1/records", ipslPublisher, json.write(newVersion));
        // The record as loaded, unchanged: only its owner is new.
        HttpResponse<String> assigned = send("POST", "/api/v1/records?organisation=ipsl", adminToken,
                json.write(loaded));
        CatalogRecord third = aDataset("CMIP6.CMIP.loaded-by-operator").withVersion("20260101").build();
        HttpResponse<String> afterAssignment = send("POST", "/api/v1/records", ipslPublisher, json.write(third));

        assertThat(byPublisher.statusCode()).as("claiming an operator's record by publishing a new version")
                .isEqualTo(403);
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
        assertThat(assigned.body()).contains("\"unchanged\":1")
                .contains("\"claimed\":{\"" + loaded.masterId() + "\":\"ipsl\"}");
        assertThat(afterAssignment.statusCode()).as(afterAssignment.body()).isEqualTo(200);
    }

    @Test
    void removingADatasetRemovesItsFilesAndEveryRemovalIsAudited() throws Exception {
        CatalogRecord dataset = aDataset("CMIP6.ScenarioMIP.IPSL.write-nine").build();
        List<CatalogRecord> files = List.of(aFile(dataset, "a.nc").build(), aFile(dataset, "b.nc").build());
        send("POST", "/api/v1/records", ipslPublisher, array(dataset, files.get(0), files.get(1)));
        long auditBefore = audit.head().sequence();

        HttpResponse<String> removed = send("DELETE", "/api/v1/records/" + encode(dataset.id()), ipslPublisher, null);
        HttpResponse<String> again = send("DELETE", "/api/v1/records/" + encode(dataset.id()), ipslPublisher, null);

        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(mapper.readTree(removed.body()).get("removed").asInt()).isEqualTo(3);
        assertThat(again.statusCode()).isEqualTo(404);
        awaitIndexed(mapper.readTree(removed.body()).get("sequence").asLong());
        assertThat(get("/api/v1/records/" + encode(dataset.id())).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/records/" + encode(files.get(0).id())).statusCode()).isEqualTo(404);
        List<AuditEvent> events = eventsAfter(auditBefore);
        assertThat(events).extracting(event -> event.entry().action()).containsOnly("record.remove").hasSize(3);
        assertThat(events).filteredOn(event -> !event.entry().target().equals(dataset.id().value()))
                .allSatisfy(event -> assertThat(event.entry().details()).containsEntry("with_dataset", dataset.id().value()));
    }

    @Test
    void aBulkRemovalNamesItsIdsInTheBodyWhenTheyDoNotFitInAUrl() throws Exception {
        List<CatalogRecord> datasets = new java.util.ArrayList<>();
        for (int number = 0; number < 300; number++) {
            datasets.add(aDataset("CMIP6.ScenarioMIP.IPSL.IPSL-CM6A-LR.ssp585.r1i1p1f1.Amon.tas.gr.bulk" + number).build());
        }
        assertThat(send("POST", "/api/v1/records", ipslPublisher, array(datasets.toArray(CatalogRecord[]::new)))
                .statusCode()).isEqualTo(200);
        String ids = datasets.stream().map(dataset -> "\"" + dataset.id().value() + "\"")
                .collect(Collectors.joining(",", "[", "]"));
        String tooMany = java.util.stream.IntStream.range(0, 1001).mapToObj(number -> "\"x" + number + "|node\"")
                .collect(Collectors.joining(",", "[", "]"));

        HttpResponse<String> withNull = send("DELETE", "/api/v1/records", ipslPublisher, "[\"a|b\", null]");
        HttpResponse<String> alsoInQuery = send("DELETE", "/api/v1/records?id=a%7Cb", ipslPublisher, ids);
        HttpResponse<String> overLimit = send("DELETE", "/api/v1/records", ipslPublisher, tooMany);
        HttpResponse<String> removed = send("DELETE", "/api/v1/records", ipslPublisher, ids);

        assertThat(field(withNull)).isEqualTo("[1]");
        assertThat(parameter(alsoInQuery)).isEqualTo("id");
        assertThat(parameter(overLimit)).isEqualTo("id");
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(mapper.readTree(removed.body()).get("removed").asInt()).isEqualTo(300);
        assertThat(store.find(Stage.PRODUCTION, datasets.getLast().id())).isEmpty();
    }

    @Test
    void aRestrictedRecordTheCallerCannotSeeIsAbsentNotForbidden() throws Exception {
        CatalogRecord secret = aDataset("CMIP6.ScenarioMIP.IPSL.write-ten").withAccessGroup("ipsl").build();
        assertThat(send("POST", "/api/v1/records", ipslPublisher, json.write(secret)).statusCode()).isEqualTo(200);

        HttpResponse<String> single = send("DELETE", "/api/v1/records/" + encode(secret.id()), ncarPublisher, null);
        HttpResponse<String> bulk = send("DELETE", "/api/v1/records?id=" + encode(secret.id()), ncarPublisher, null);

        assertThat(single.statusCode()).isEqualTo(404);
        assertThat(bulk.statusCode()).isEqualTo(200);
        assertThat(mapper.readTree(bulk.body()).get("absent").asInt()).isEqualTo(1);
        assertThat(store.find(Stage.PRODUCTION, secret.id())).isPresent();
    }

    @Test
    void theFilesOfARestrictedDatasetAreRestrictedToItsGroupOrRefused() throws Exception {
        CatalogRecord secret = aDataset("CMIP6.ScenarioMIP.IPSL.write-sixteen").withAccessGroup("ipsl").build();
        CatalogRecord open = aFile(secret, "open.nc").build();
        CatalogRecord hidden = aFile(secret, "hidden.nc").withAccessGroup("ipsl").build();
        CatalogRecord published = aDataset("CMIP6.ScenarioMIP.IPSL.write-seventeen").build();
        CatalogRecord publishedFile = aFile(published, "published.nc").build();
        CatalogRecord embargoed = aDataset("CMIP6.ScenarioMIP.IPSL.write-seventeen").withAccessGroup("ipsl").build();
        CatalogRecord embargoedFile = aFile(embargoed, "published.nc").withAccessGroup("ipsl").build();

        HttpResponse<String> withPublicFile = send("POST", "/api/v1/records", ipslPublisher, array(secret, open));
        HttpResponse<String> withHiddenFile = send("POST", "/api/v1/records", ipslPublisher, array(secret, hidden));
        HttpResponse<String> publicFileLater = send("POST", "/api/v1/records", ipslPublisher, json.write(open));
        HttpResponse<String> allPublic = send("POST", "/api/v1/records", ipslPublisher, array(published, publishedFile));
        HttpResponse<String> embargoAlone = send("PUT", "/api/v1/records/" + encode(published.id()), ipslPublisher,
                json.write(embargoed));
        HttpResponse<String> embargoWithFiles = send("POST", "/api/v1/records", ipslPublisher,
                array(embargoed, embargoedFile));

        assertThat(field(withPublicFile)).isEqualTo("records[1].access_group");
        assertThat(field(publicFileLater)).isEqualTo("access_group");
        assertThat(field(embargoAlone)).as("the dataset's stored file would stay public").isEqualTo("access_group");
        assertThat(List.of(withHiddenFile, allPublic, embargoWithFiles)).allSatisfy(response ->
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200));
        awaitIndexed(mapper.readTree(embargoWithFiles.body()).get("sequence").asLong());
        for (CatalogRecord dataset : List.of(secret, embargoed)) {
            assertThat(get("/api/v1/search?type=File&dataset_id=" + encode(dataset.id())).body())
                    .as("files of %s, searched anonymously", dataset.id()).contains("\"total\":0");
        }
        assertThat(store.find(Stage.PRODUCTION, open.id())).isEmpty();
    }

    @Test
    void aStagedRecordIsNotSearchableUntilItIsInProduction() throws Exception {
        CatalogRecord staged = aDataset("CMIP6.ScenarioMIP.IPSL.write-eleven").build();

        HttpResponse<String> written = send("POST", "/api/v1/records?stage=staging", ipslPublisher, json.write(staged));

        assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
        awaitIndexed(mapper.readTree(written.body()).get("sequence").asLong());
        assertThat(store.find(Stage.STAGING, staged.id())).isPresent();
        assertThat(store.find(Stage.PRODUCTION, staged.id())).isEmpty();
        assertThat(get("/api/v1/records/" + encode(staged.id())).statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String array(CatalogRecord... records) {
        return List.of(records).stream().map(json::write).collect(Collectors.joining(",", "[", "]"));
    }

    private static String encode(RecordId id) {
        return URLEncoder.encode(id.value(), StandardCharsets.UTF_8);
    }

    private String field(HttpResponse<String> response) {
        JsonNode field = mapper.readTree(response.body()).get("field");
        return field == null ? "(none) " + response.body() : field.asString();
    }

    private String parameter(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode parameter = mapper.readTree(response.body()).get("parameter");
        return parameter == null ? "(none) " + response.body() : parameter.asString();
    }

    private List<AuditEvent> eventsAfter(long sequence) {
        return audit.find(AuditQuery.newest(AuditQuery.MAX_LIMIT)).stream().filter(event -> event.sequence() > sequence)
                .filter(event -> event.entry().action().startsWith("record."))
                .sorted(Comparator.comparingLong(AuditEvent::sequence))
                .toList();
    }

    private void awaitIndexed(long sequence) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (index.searchableSequence() < sequence && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
