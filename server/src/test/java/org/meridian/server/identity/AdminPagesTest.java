package org.meridian.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.meridian.server.audit.Actor;
import org.meridian.server.audit.AuditEvent;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.audit.AuditQuery;
import org.meridian.server.audit.Outcome;
import org.meridian.server.testing.BootedNode;
import org.meridian.server.testing.BrowserSession;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The administration pages over real HTTP: who may open them, and that each change made there
 * is visible afterwards and in the audit log, and each refusal is a page with its status.
 */
class AdminPagesTest extends BootedNode {
    private static final String PASSWORD = "a long and unusual passphrase";
    /** The node outlives a test method; its accounts are made once. */
    private static boolean prepared;

    @Autowired
    AuditLog audit;

    @BeforeEach
    void prepareOnce() {
        if (prepared) {
            return;
        }
        prepared = true;
        identity.createUser(Caller.ANONYMOUS, Actor.commandLine(), "test",
                new NewUser("root", Optional.empty(), Optional.empty(), Set.of(NodeRole.NODE_ADMIN)), Optional.of(PASSWORD));
        for (String name : List.of("researcher", "locked-out", "ocean-lead", "land-lead")) {
            identity.createUser(admin(), Actor.user("root"), "test",
                    new NewUser(name, Optional.empty(), Optional.empty(), Set.of()), Optional.of(PASSWORD));
        }
        identity.createOrganisation(admin(), "test", "ocean", "Ocean Lab");
        identity.createOrganisation(admin(), "test", "land", "Land Lab");
        identity.grantRole(admin(), "test", "ocean-lead", "ocean", OrgRole.ADMIN);
        identity.grantRole(admin(), "test", "land-lead", "land", OrgRole.ADMIN);
    }

    private Caller admin() {
        return Caller.of(identity.findUser("root").orElseThrow());
    }

    private BrowserSession as(String username) throws Exception {
        return new BrowserSession(port).signIn(username, PASSWORD);
    }

    private AuditEvent newest(String action) {
        return audit.find(AuditQuery.newest(50)).stream().filter(event -> event.entry().action().equals(action))
                .findFirst().orElseThrow(() -> new AssertionError("no " + action + " event"));
    }

    private static Element row(Document page, String username) {
        Element row = page.getElementById("user-" + username);
        assertThat(row).as("a row for " + username).isNotNull();
        return row;
    }

    // ---- /admin/users

    @Test
    void onlyNodeAdministratorsOpenTheUsersPage() throws Exception {
        HttpResponse<String> anonymous = new BrowserSession(port).get("/admin/users");
        HttpResponse<String> researcher = as("researcher").get("/admin/users");
        HttpResponse<String> root = as("root").get("/admin/users");

        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(researcher.statusCode()).isEqualTo(403);
        assertThat(researcher.body()).doesNotContain("Whitelabel").doesNotContain("Exception");
        assertThat(Jsoup.parse(researcher.body()).select("h1").text()).isEqualTo("Not allowed");
        assertThat(newest("access.denied").entry().target()).isEqualTo("GET /admin/users");
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(root.body()).select(".site-nav a[href=/admin/users]").text()).isEqualTo("Admin");
        assertThat(Jsoup.parse(as("researcher").get("/search").body()).select(".site-nav a[href^=/admin]")).isEmpty();
    }

    @Test
    void listsEachAccountsEmailStatusRolesOrganisationsAndHowItSignsIn() throws Exception {
        identity.createOrganisation(admin(), "test", "listed-org", "Listed");
        identity.grantRole(admin(), "test", "researcher", "listed-org", OrgRole.REVIEWER);
        identity.signInWithIdentityProvider("https://login.example.org", "subject-1", "federated",
                Optional.of("federated@example.org"), Optional.empty(), Set.of(), "test");
        for (int attempt = 0; attempt < 5; attempt++) {
            identity.login("locked-out", "wrong " + attempt, "test");
        }

        Document page = Jsoup.parse(as("root").get("/admin/users").body());

        assertThat(page.select("table.users thead th").eachText())
                .containsExactly("Username", "Email", "Signs in with", "Status", "Node roles", "Organisations");
        assertThat(page.select("table.users thead th[scope=col]")).hasSize(6);
        assertThat(row(page, "root").text()).contains("password (bootstrap)", "Enabled", "node-admin");
        assertThat(row(page, "researcher").text()).contains("password", "listed-org: reviewer");
        assertThat(row(page, "federated").text()).contains("federated@example.org",
                "single sign-on (https://login.example.org)");
        assertThat(row(page, "locked-out").select(".badge").eachText()).anySatisfy(badge ->
                assertThat(badge).startsWith("Locked until"));
        assertThat(row(page, "researcher").select(".badge").eachText()).noneSatisfy(badge ->
                assertThat(badge).startsWith("Locked"));
        for (Element select : page.select("table.users select")) {
            assertThat(page.select("label[for=" + select.id() + "]")).as("label for " + select.id()).hasSize(1);
        }
    }

    @Test
    void createsAnAccountAndShowsItsSetupLinkOnce() throws Exception {
        BrowserSession root = as("root");
        root.get("/admin/users");

        HttpResponse<String> created = root.post("/admin/users", "username", "Newcomer", "email", "new@example.org",
                "nodeRoles", "auditor");
        Document page = Jsoup.parse(root.follow(created).body());
        String link = page.select("#setup-link").attr("value");
        HttpResponse<String> reload = root.get("/admin/users");

        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(page.select("#messages").text()).isEqualTo("Account 'newcomer' created.");
        assertThat(page.select(".one-time-secret").text()).contains("Copy it now", "24 hours");
        // No public URL is configured: the link leads where the administrator reached the node.
        assertThat(link).startsWith("http://localhost:" + port + "/setup?secret=mrs_");
        assertThat(identity.setupLinkIsValid(link.substring(link.indexOf("secret=") + 7))).isTrue();
        assertThat(row(page, "newcomer").text()).contains("new@example.org", "auditor", "Enabled");
        assertThat(reload.body()).doesNotContain(link);
        assertThat(newest("user.create").entry().target()).isEqualTo("newcomer");
        assertThat(newest("user.create").entry().actor()).isEqualTo(Actor.user("root"));
        assertThat(newest("user.create").entry().details()).containsEntry("node_roles", "auditor");
        assertThat(newest("user.setup-link").entry().target()).isEqualTo("newcomer");
    }

    @Test
    void aTakenOrMalformedUsernameIsRefusedOnThePageNamingTheField() throws Exception {
        BrowserSession root = as("root");
        root.get("/admin/users");
        long eventsBefore = audit.head().sequence();

        HttpResponse<String> taken = root.post("/admin/users", "username", "researcher", "email", "");
        HttpResponse<String> malformed = root.post("/admin/users", "username", "no spaces please", "email", "x@example.org");
        HttpResponse<String> badEmail = root.post("/admin/users", "username", "emailless", "email", "not-an-address");

        assertThat(taken.statusCode()).isEqualTo(409);
        Document takenPage = Jsoup.parse(taken.body());
        assertThat(takenPage.select("#refusal").text()).isEqualTo("username 'researcher' is taken");
        assertThat(takenPage.select("#new-username").attr("aria-invalid")).isEqualTo("true");
        assertThat(takenPage.select("#new-username").attr("value")).isEqualTo("researcher");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(malformed.body()).select("#refusal").text()).startsWith("username must be 2-64 characters");
        assertThat(badEmail.statusCode()).isEqualTo(400);
        Document badEmailPage = Jsoup.parse(badEmail.body());
        assertThat(badEmailPage.select("#refusal").text()).isEqualTo("email must look like name@example.org");
        assertThat(badEmailPage.select("#new-email").attr("aria-invalid")).isEqualTo("true");
        assertThat(identity.findUser("emailless")).isEmpty();
        assertThat(audit.find(AuditQuery.newest(10))).filteredOn(event -> event.sequence() > eventsBefore)
                .noneSatisfy(event -> assertThat(event.entry().action()).isEqualTo("user.create"));
    }

    @Test
    void disablesAndEnablesAnAccount() throws Exception {
        identity.createUser(admin(), Actor.user("root"), "test",
                new NewUser("switched", Optional.empty(), Optional.empty(), Set.of()), Optional.of(PASSWORD));
        BrowserSession root = as("root");
        root.get("/admin/users");

        Document disabled = Jsoup.parse(root.follow(root.post("/admin/users/switched/enabled", "enabled", "false")).body());
        AuditEvent disabling = newest("user.disable");
        Document enabled = Jsoup.parse(root.follow(root.post("/admin/users/switched/enabled", "enabled", "true")).body());

        assertThat(disabled.select("#messages").text()).startsWith("Account 'switched' disabled");
        assertThat(row(disabled, "switched").select(".badge").eachText()).contains("Disabled");
        assertThat(row(disabled, "switched").select("button").eachText()).contains("Enable switched");
        assertThat(disabling.entry().target()).isEqualTo("switched");
        assertThat(disabling.entry().actor()).isEqualTo(Actor.user("root"));
        assertThat(row(enabled, "switched").select(".badge").eachText()).contains("Enabled");
        assertThat(newest("user.enable").entry().target()).isEqualTo("switched");
        assertThat(identity.findUser("switched").orElseThrow().enabled()).isTrue();
    }

    @Test
    void grantsAndRevokesNodeRoles() throws Exception {
        identity.createUser(admin(), Actor.user("root"), "test",
                new NewUser("promoted", Optional.empty(), Optional.empty(), Set.of()), Optional.of(PASSWORD));
        BrowserSession root = as("root");
        root.get("/admin/users");

        Document granted = Jsoup.parse(root.follow(root.post("/admin/users/promoted/node-roles", "role", "auditor")).body());
        AuditEvent grant = newest("role.grant");
        boolean canAudit = as("promoted").get("/audit").statusCode() == 200;
        Document revoked = Jsoup.parse(root.follow(root.post("/admin/users/promoted/node-roles/auditor/revoke")).body());

        assertThat(granted.select("#messages").text()).isEqualTo("Granted auditor to 'promoted'.");
        assertThat(row(granted, "promoted").select(".badge").eachText()).contains("auditor");
        assertThat(grant.entry().target()).isEqualTo("promoted:auditor");
        assertThat(canAudit).isTrue();
        assertThat(row(revoked, "promoted").select(".badge").eachText()).doesNotContain("auditor");
        assertThat(newest("role.revoke").entry().target()).isEqualTo("promoted:auditor");
        assertThat(identity.findUser("promoted").orElseThrow().nodeRoles()).isEmpty();
    }

    @Test
    void anUnknownRoleOrAccountIsRefusedOnThePage() throws Exception {
        BrowserSession root = as("root");
        root.get("/admin/users");

        HttpResponse<String> unknownRole = root.post("/admin/users/researcher/node-roles", "role", "superuser");
        HttpResponse<String> unknownUser = root.post("/admin/users/nobody/enabled", "enabled", "false");
        HttpResponse<String> noChoice = root.post("/admin/users/researcher/enabled");

        assertThat(unknownRole.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(unknownRole.body()).select("#refusal").text())
                .isEqualTo("unknown node role 'superuser'; node roles are node-admin and auditor");
        assertThat(unknownUser.statusCode()).isEqualTo(404);
        assertThat(Jsoup.parse(unknownUser.body()).select("#refusal").text()).isEqualTo("no account named 'nobody'");
        assertThat(noChoice.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(noChoice.body()).select("#refusal").text()).isEqualTo("enabled must be true or false, got ''");
    }

    @Test
    void aUsersFormWithoutItsCsrfTokenChangesNothing() throws Exception {
        BrowserSession root = as("root");
        root.get("/admin/users");

        HttpResponse<String> forged = root.postWithoutCsrf("/admin/users/researcher/node-roles", "role", "node-admin");

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(identity.findUser("researcher").orElseThrow().nodeRoles()).isEmpty();
        assertThat(newest("csrf.reject").entry().target()).isEqualTo("POST /admin/users/researcher/node-roles");
    }

    // ---- /admin/organisations

    @Test
    void nodeAdministratorsSeeEveryOrganisationAndOrganisationAdminsTheirsOnly() throws Exception {
        HttpResponse<String> anonymous = new BrowserSession(port).get("/admin/organisations");
        HttpResponse<String> researcher = as("researcher").get("/admin/organisations");
        Document lead = Jsoup.parse(as("ocean-lead").get("/admin/organisations").body());
        Document root = Jsoup.parse(as("root").get("/admin/organisations").body());

        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(researcher.statusCode()).isEqualTo(403);
        assertThat(lead.select("table.organisations tbody th").eachText()).containsExactly("ocean");
        assertThat(lead.select("#organisation-id")).as("only node-admins create organisations").isEmpty();
        assertThat(lead.select(".site-nav a[href=/admin/organisations]").text()).isEqualTo("Admin");
        assertThat(lead.select(".admin-nav a").eachText()).containsExactly("Organisations");
        assertThat(root.select("table.organisations tbody th").eachText()).contains("land", "ocean");
        assertThat(root.select("#organisation-id")).hasSize(1);
        assertThat(root.select(".admin-nav a").eachText()).containsExactly("Users", "Organisations");
        assertThat(root.select(".admin-nav a[aria-current=page]").text()).isEqualTo("Organisations");
    }

    @Test
    void createsAnOrganisationAndLandsOnItsPage() throws Exception {
        BrowserSession root = as("root");
        root.get("/admin/organisations");

        HttpResponse<String> created = root.post("/admin/organisations", "id", "polar", "name", "Polar Institute");
        Document page = Jsoup.parse(root.follow(created).body());

        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l ->
                assertThat(l).endsWith("/admin/organisations/polar"));
        assertThat(page.select("h1").text()).isEqualTo("Polar Institute (polar)");
        assertThat(page.select("#messages").text()).isEqualTo("Organisation 'polar' created.");
        assertThat(Jsoup.parse(root.get("/admin/organisations").body()).select("table.organisations tbody tr").eachText())
                .anySatisfy(row -> assertThat(row).startsWith("polar Polar Institute"));
        assertThat(newest("organisation.create").entry().target()).isEqualTo("polar");
        assertThat(newest("organisation.create").entry().actor()).isEqualTo(Actor.user("root"));
    }

    @Test
    void aRefusedOrganisationIsShownWithItsStatusAndField() throws Exception {
        BrowserSession root = as("root");
        root.get("/admin/organisations");
        BrowserSession lead = as("ocean-lead");
        lead.get("/admin/organisations");

        HttpResponse<String> taken = root.post("/admin/organisations", "id", "ocean", "name", "Another Ocean");
        HttpResponse<String> malformed = root.post("/admin/organisations", "id", "Not An Id", "name", "x");
        HttpResponse<String> notNodeAdmin = lead.post("/admin/organisations", "id", "rogue", "name", "Rogue");

        assertThat(taken.statusCode()).isEqualTo(409);
        Document takenPage = Jsoup.parse(taken.body());
        assertThat(takenPage.select("#refusal").text()).isEqualTo("organisation 'ocean' exists");
        assertThat(takenPage.select("#organisation-id").attr("aria-invalid")).isEqualTo("true");
        assertThat(takenPage.select("#organisation-name").attr("value")).isEqualTo("Another Ocean");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(malformed.body()).select("#refusal").text())
                .isEqualTo("id must be 2-64 lower-case letters, digits or '-'");
        assertThat(notNodeAdmin.statusCode()).isEqualTo(403);
        assertThat(Jsoup.parse(notNodeAdmin.body()).select("#refusal").text())
                .isEqualTo("only node administrators may create organisations");
        assertThat(identity.findOrganisation("rogue")).isEmpty();
        AuditEvent refusal = newest("admin.create-organisations");
        assertThat(refusal.entry().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(refusal.entry().actor()).isEqualTo(Actor.user("ocean-lead"));
    }

    @Test
    void anOrganisationAdminGrantsAndRevokesRolesInTheirOrganisation() throws Exception {
        BrowserSession lead = as("ocean-lead");
        lead.get("/admin/organisations/ocean");

        HttpResponse<String> granted = lead.post("/admin/organisations/ocean/members", "username", "researcher",
                "role", "publisher");
        Document afterGrant = Jsoup.parse(lead.follow(granted).body());
        AuditEvent grant = newest("role.grant");
        HttpResponse<String> revoked = lead.post("/admin/organisations/ocean/members/researcher/publisher/revoke");
        Document afterRevoke = Jsoup.parse(lead.follow(revoked).body());

        assertThat(granted.headers().firstValue("Location")).hasValueSatisfying(l ->
                assertThat(l).endsWith("/admin/organisations/ocean"));
        assertThat(afterGrant.select("#messages").text()).isEqualTo("Granted publisher to 'researcher'.");
        assertThat(afterGrant.select("#member-researcher .badge").eachText()).containsExactly("publisher");
        assertThat(afterGrant.select("#member-ocean-lead .badge").eachText()).containsExactly("admin");
        assertThat(grant.entry().target()).isEqualTo("researcher@ocean:publisher");
        assertThat(grant.entry().actor()).isEqualTo(Actor.user("ocean-lead"));
        assertThat(grant.entry().outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(afterRevoke.select("#messages").text()).isEqualTo("Revoked publisher from 'researcher'.");
        assertThat(afterRevoke.select("#member-researcher")).isEmpty();
        assertThat(newest("role.revoke").entry().target()).isEqualTo("researcher@ocean:publisher");
        assertThat(identity.findUser("researcher").orElseThrow().hasOrgRole("ocean", OrgRole.PUBLISHER)).isFalse();
    }

    @Test
    void anotherOrganisationsAdminIsRefusedItsPageAndItsRolesAndAudited() throws Exception {
        BrowserSession lead = as("land-lead");
        lead.get("/admin/organisations");

        HttpResponse<String> page = lead.get("/admin/organisations/ocean");
        AuditEvent pageRefusal = newest("organisation.members");
        HttpResponse<String> grant = lead.post("/admin/organisations/ocean/members", "username", "land-lead",
                "role", "admin");

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(Jsoup.parse(page.body()).select(".problem").text())
                .isEqualTo("only admins of organisation 'ocean' or node administrators may see its members");
        assertThat(page.body()).doesNotContain("ocean-lead");
        assertThat(pageRefusal.entry().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(pageRefusal.entry().actor()).isEqualTo(Actor.user("land-lead"));
        assertThat(grant.statusCode()).isEqualTo(403);
        assertThat(Jsoup.parse(grant.body()).select(".problem").text())
                .isEqualTo("only admins of organisation 'ocean' or node administrators may change its roles");
        AuditEvent grantRefusal = newest("role.grant");
        assertThat(grantRefusal.entry().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(grantRefusal.entry().target()).isEqualTo("land-lead@ocean:admin");
        assertThat(identity.findUser("land-lead").orElseThrow().hasOrgRole("ocean", OrgRole.ADMIN)).isFalse();
    }

    @Test
    void unknownOrganisationsAccountsAndRolesAreRefusedOnThePage() throws Exception {
        BrowserSession root = as("root");
        root.get("/admin/organisations/land");

        HttpResponse<String> noOrganisation = root.get("/admin/organisations/atlantis");
        HttpResponse<String> noAccount = root.post("/admin/organisations/land/members", "username", "nobody",
                "role", "member");
        HttpResponse<String> noRole = root.post("/admin/organisations/land/members", "username", "researcher",
                "role", "overlord");

        assertThat(noOrganisation.statusCode()).isEqualTo(404);
        assertThat(Jsoup.parse(noOrganisation.body()).select(".problem").text()).isEqualTo("no organisation 'atlantis'");
        assertThat(noAccount.statusCode()).isEqualTo(404);
        Document noAccountPage = Jsoup.parse(noAccount.body());
        assertThat(noAccountPage.select("#refusal").text()).isEqualTo("no account named 'nobody'");
        assertThat(noAccountPage.select("#grant-username").attr("value")).isEqualTo("nobody");
        assertThat(noRole.statusCode()).isEqualTo(400);
        Document noRolePage = Jsoup.parse(noRole.body());
        assertThat(noRolePage.select("#refusal").text())
                .isEqualTo("unknown role 'overlord'; roles are admin, publisher, reviewer, member and readonly");
        assertThat(noRolePage.select("#grant-role").attr("aria-invalid")).isEqualTo("true");
    }

    @Test
    void rolesFromIdentityProviderGroupsAreShownButNotRevokedHere() throws Exception {
        identity.signInWithIdentityProvider("https://login.example.org", "subject-2", "glaciologist", Optional.empty(),
                Optional.empty(), Set.of(new Membership("land", OrgRole.REVIEWER, Membership.Source.IDP)), "test");

        Document page = Jsoup.parse(as("root").get("/admin/organisations/land").body());

        assertThat(page.select("#member-glaciologist").text()).contains("reviewer", "from an identity-provider group");
        assertThat(page.select("#member-glaciologist form")).isEmpty();
        assertThat(page.select("#member-land-lead form button").eachText()).containsExactly("Revoke admin from land-lead");
    }

    @Test
    void aRoleFormWithoutItsCsrfTokenChangesNothing() throws Exception {
        BrowserSession lead = as("ocean-lead");
        lead.get("/admin/organisations/ocean");

        HttpResponse<String> forged = lead.postWithoutCsrf("/admin/organisations/ocean/members", "username",
                "researcher", "role", "admin");

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(identity.findUser("researcher").orElseThrow().hasOrgRole("ocean", OrgRole.ADMIN)).isFalse();
        assertThat(newest("csrf.reject").entry().target()).isEqualTo("POST /admin/organisations/ocean/members");
    }
}
