package org.meridian.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.meridian.server.audit.Actor;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.identity.Caller;
import org.meridian.server.identity.IdentityService;
import org.meridian.server.identity.IdentityStore;
import org.meridian.server.identity.NewUser;
import org.meridian.server.identity.NodeRole;
import org.meridian.server.identity.OrgRole;
import org.meridian.server.identity.TokenScope;
import org.meridian.server.identity.User;
import org.meridian.server.ops.MeridianProperties;
import org.meridian.server.system.Databases;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What checking a bearer token costs a request: hashing the secret, finding the token by its
 * hash and loading its owner with their memberships, on the H2 file database the node uses.
 * The owner belongs to three organisations, as a typical publisher would.
 * Run: {@code java -jar bench/target/benchmarks.jar TokenCheckBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenCheckBenchmark {
    private Path directory;
    private HikariDataSource dataSource;
    private IdentityService identity;
    private String secret;

    @Setup
    public void createAccountAndToken() throws IOException {
        directory = Files.createTempDirectory("meridian-token-bench");
        dataSource = Databases.open(Databases.embeddedUrl(directory), "sa", "", 4);
        Databases.migrate(dataSource);
        Clock clock = Clock.systemUTC();
        MeridianProperties.Identity policy = new MeridianProperties.Identity(true, 12, 5, Duration.ofMinutes(15),
                Duration.ofDays(365), Duration.ofHours(24), new MeridianProperties.SingleSignOn(List.of(), List.of()));
        identity = new IdentityService(dataSource, new IdentityStore(dataSource), new AuditLog(dataSource, clock), policy,
                clock);
        User admin = identity.createUser(Caller.ANONYMOUS, Actor.commandLine(), "bench",
                new NewUser("root", Optional.empty(), Optional.empty(),
                        Set.of(NodeRole.NODE_ADMIN)), Optional.empty());
        identity.createUser(Caller.of(admin), Actor.commandLine(), "bench",
                new NewUser("publisher", Optional.empty(), Optional.empty(), Set.of()), Optional.empty());
        for (String organisation : List.of("ipsl", "ncar", "mohc")) {
            identity.createOrganisation(Caller.of(admin), "bench", organisation, organisation.toUpperCase(Locale.ROOT));
            identity.grantRole(Caller.of(admin), "bench", "publisher", organisation, OrgRole.PUBLISHER);
        }
        secret = identity.createTokenAtCommandLine("publisher", "bench", EnumSet.allOf(TokenScope.class),
                Duration.ofDays(1)).secret();
    }

    @TearDown
    public void close() throws IOException {
        dataSource.close();
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Benchmark
    public Optional<Caller> validToken() {
        return identity.authenticateToken(secret, "bench");
    }
}
