package org.meridian.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.meridian.server.audit.Actor;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.identity.Caller;
import org.meridian.server.identity.CreatedToken;
import org.meridian.server.identity.IdentityService;
import org.meridian.server.identity.IdentityStore;
import org.meridian.server.identity.NewUser;
import org.meridian.server.identity.NodeRole;
import org.meridian.server.identity.SetupLinks;
import org.meridian.server.identity.TokenScope;
import org.meridian.server.identity.User;
import org.meridian.server.system.ProblemException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code meridian admin}: what an operator with access to the node's machine does before anyone
 * can sign in, with no default credentials anywhere. Every action is audited as done at the
 * command line.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Bootstrap accounts: create the first administrator, hand out setup links, end bootstrap login.",
        subcommands = {AdminCommand.CreateUser.class, AdminCommand.SetupLink.class, AdminCommand.CreateToken.class,
            AdminCommand.DisableBootstrap.class})
final class AdminCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "an admin command is required");
    }

    /**
     * The identity service over the configured database, for one command on accounts that exist:
     * a data directory with no catalog yet (a mistyped {@code --data-dir}, another working
     * directory) is refused rather than given an empty one.
     */
    static <T> T withIdentity(OfflineOptions data, IdentityWork<T> work) throws IOException {
        try (OfflineCatalog catalog = data.openExisting()) {
            return work.run(identityOver(catalog), catalog.linkBase());
        }
    }

    private static IdentityService identityOver(OfflineCatalog catalog) {
        Clock clock = Clock.systemUTC();
        return new IdentityService(catalog.dataSource(), new IdentityStore(catalog.dataSource()),
                new AuditLog(catalog.dataSource(), clock), catalog.properties().identity(), clock);
    }

    interface IdentityWork<T> {
        T run(IdentityService identity, OfflineCatalog.LinkBase linkBase) throws IOException;
    }

    /** Prints a setup link, saying so when the node's address is only assumed. */
    static void printSetupLink(OfflineCatalog.LinkBase base, String secret) {
        System.out.println("Setup link (one use, expires): " + SetupLinks.address(base.url(), secret));
        if (base.assumed()) {
            System.err.println(base.url().isEmpty()
                    ? "No node is serving this data directory and its port is chosen when it starts (server.port 0),"
                            + " so the link is a path to open on the node; set meridian.node.public-url for a whole link."
                    : "No node is serving this data directory, so the link assumes one will answer on " + base.url()
                            + "; set meridian.node.public-url to be sure.");
        }
    }

    @Command(name = "create-user", mixinStandardHelpOptions = true,
            description = {"Create a local account.",
                    "The password is read from standard input with --password-stdin; otherwise a one-time setup link "
                            + "that expires (meridian.identity.setup-link-lifetime) is printed for the user to choose one.",
                    "The first node-admin created here is the bootstrap account."})
    static final class CreateUser implements Callable<Integer> {
        @Mixin
        OfflineOptions data;

        @Option(names = "--username", required = true, description = "Login name (2-64 letters, digits, '.', '_', '-').")
        String username;

        @Option(names = "--email", description = "E-mail address.")
        String email;

        @Option(names = "--display-name", description = "Name shown in the UI.")
        String displayName;

        @Option(names = "--node-admin", description = "Grant the node-admin role.")
        boolean nodeAdmin;

        @Option(names = "--auditor", description = "Grant the auditor role.")
        boolean auditor;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordFromStdin;

        @Override
        public Integer call() throws IOException {
            Optional<String> password = passwordFromStdin ? Optional.of(readPassword()) : Optional.empty();
            Set<NodeRole> roles = EnumSet.noneOf(NodeRole.class);
            if (nodeAdmin) {
                roles.add(NodeRole.NODE_ADMIN);
            }
            if (auditor) {
                roles.add(NodeRole.AUDITOR);
            }
            NewUser spec = new NewUser(username, Optional.ofNullable(email), Optional.ofNullable(displayName), roles);
            // The first account of a new node is created before it first starts, so this command alone
            // may begin a catalog; it says where, as a mistyped --data-dir would begin one too.
            try (OfflineCatalog catalog = data.open()) {
                IdentityService identity = identityOver(catalog);
                User user = identity.createUser(Caller.ANONYMOUS, Actor.commandLine(), "-", spec, password);
                System.out.println("Created " + user.username() + (user.bootstrap() ? " (bootstrap node-admin)" : "")
                        + (catalog.isNew() ? " in a new catalog at " : " in ") + catalog.dataDirectory());
                if (password.isEmpty()) {
                    String secret = identity.createSetupLink(Actor.commandLine(), "-", user.username());
                    printSetupLink(catalog.linkBase(), secret);
                }
                return 0;
            }
        }

        private static String readPassword() throws IOException {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null || line.isEmpty()) {
                throw new IllegalArgumentException("--password-stdin: no password on standard input");
            }
            return line;
        }
    }

    @Command(name = "setup-link", mixinStandardHelpOptions = true,
            description = "Print a new one-time link with which an existing user chooses a password (e.g. after a lockout).")
    static final class SetupLink implements Callable<Integer> {
        @Mixin
        OfflineOptions data;

        @Option(names = "--username", required = true, description = "The account.")
        String username;

        @Override
        public Integer call() throws IOException {
            return withIdentity(data, (identity, linkBase) -> {
                String secret = identity.createSetupLink(Actor.commandLine(), "-", username);
                printSetupLink(linkBase, secret);
                return 0;
            });
        }
    }

    @Command(name = "create-token", mixinStandardHelpOptions = true,
            description = {"Create an API token for an existing user and print its secret once.",
                    "For scripts and service accounts that never sign in; the token has the user's roles, "
                            + "narrowed to the scopes given."})
    static final class CreateToken implements Callable<Integer> {
        @Mixin
        OfflineOptions data;

        @Option(names = "--username", required = true, description = "The account the token acts for.")
        String username;

        @Option(names = "--name", required = true, description = "What the token is for, shown in token lists.")
        String name;

        @Option(names = "--scope", required = true, split = ",", description = "read, publish and/or admin.")
        List<String> scopes;

        @Option(names = "--days", defaultValue = "90", description = "Days until it expires (default: ${DEFAULT-VALUE}).")
        int days;

        @Override
        public Integer call() throws IOException {
            Set<TokenScope> parsed = EnumSet.noneOf(TokenScope.class);
            for (String scope : scopes) {
                parsed.add(TokenScope.parse(scope.strip()).orElseThrow(() -> new IllegalArgumentException(
                        "--scope: '" + scope + "' is not one of read, publish, admin")));
            }
            if (days < 1) {
                throw new IllegalArgumentException("--days: must be at least 1, got " + days);
            }
            return withIdentity(data, (identity, linkBase) -> {
                CreatedToken created;
                try {
                    created = identity.createTokenAtCommandLine(username, name, parsed, Duration.ofDays(days));
                } catch (ProblemException problem) {
                    // The service names the HTTP API's field; here the option is what the operator typed.
                    if ("expiresInDays".equals(problem.members().get("field"))) {
                        throw new IllegalArgumentException("--days: " + problem.getMessage() + ", got " + days);
                    }
                    throw problem;
                }
                System.out.println(created.secret());
                System.err.println("Token " + created.token().id() + " for " + username + " expires "
                        + created.token().expiresAt() + "; the secret above is shown only now.");
                return 0;
            });
        }
    }

    @Command(name = "disable-bootstrap", mixinStandardHelpOptions = true,
            description = {"Refuse the bootstrap account's password login, open sessions and API tokens from now on.",
                    "Needs another active node-admin (e.g. one signed in through SSO); refused attempts are audited."})
    static final class DisableBootstrap implements Callable<Integer> {
        @Mixin
        OfflineOptions data;

        @Override
        public Integer call() throws IOException {
            return withIdentity(data, (identity, linkBase) -> {
                identity.disableBootstrap(Actor.commandLine(), "-");
                System.out.println("Bootstrap login is disabled.");
                return 0;
            });
        }
    }
}
