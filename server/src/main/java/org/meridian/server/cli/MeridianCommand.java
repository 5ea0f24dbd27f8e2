package org.meridian.server.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code meridian} command. Every subcommand has {@code --help}, exits 0 on success and
 * non-zero on failure, and reports a failure as one readable line on standard error.
 */
@Command(name = "meridian", mixinStandardHelpOptions = true, version = "Meridian 0.1.0",
        description = "A self-hosted node for research data platforms: catalog and search, publishing, identity and audit, scenarios.",
        subcommands = {DemoCommand.class, ServeCommand.class, GenerateCommand.class, IngestCommand.class,
                ReindexCommand.class, ConfigCommand.class, AdminCommand.class, AuditCommand.class, ScenarioCommand.class, CommandLine.HelpCommand.class})
public final class MeridianCommand implements Runnable {
    /** Exit code for a command that ran and failed. */
    static final int FAILED = 1;
    /** Exit code for a command line that could not be understood. */
    static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        keepEmbeddedDatabaseOnLoopback();
        System.exit(execute(args));
    }

    /**
     * Whether {@code MERIDIAN_DEBUG} is set (to anything but 0, false, no or off): a failure then
     * also prints its stack trace, and a node that cannot start Spring's own report, besides the
     * one line.
     */
    static boolean debugging() {
        String debug = System.getenv("MERIDIAN_DEBUG");
        return debug != null && !debug.isBlank()
                && !Set.of("0", "false", "no", "off").contains(debug.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * The embedded H2 database serves itself to the other Meridian processes on this machine
     * ({@code AUTO_SERVER}: {@code meridian ingest} beside a node) on a TCP port that H2 would
     * open on every interface; only local processes ever connect, so it listens on loopback.
     * H2 reads the setting once, when it loads, hence here, before anything opens a database.
     * An operator's own {@code -Dh2.bindAddress} wins.
     */
    static void keepEmbeddedDatabaseOnLoopback() {
        if (System.getProperty(H2_BIND_ADDRESS) == null) {
            System.setProperty(H2_BIND_ADDRESS, "127.0.0.1");
        }
    }

    private static final String H2_BIND_ADDRESS = "h2.bindAddress";

    /** Runs the command line and returns the exit code (for tests and {@link #main}). */
    static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new MeridianCommand());
        // --format json and --stage staging, as the README and the HTTP API write them.
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            PrintWriter err = exception.getCommandLine().getErr();
            err.println("meridian: " + parameterProblem(exception) + " (see '"
                    + exception.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            PrintWriter err = failed.getErr();
            if (debugging()) {
                exception.printStackTrace(err);
            }
            err.println("meridian: " + CommandFailure.describe(exception));
            err.flush();
            return FAILED;
        });
        return commandLine.execute(args);
    }

    /**
     * Picocli's words, except for a word where a command was expected, which it calls an
     * "unmatched argument at index 0".
     */
    private static String parameterProblem(CommandLine.ParameterException exception) {
        if (exception instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.isUnknownOption()
                && !exception.getCommandLine().getSubcommands().isEmpty() && !unmatched.getUnmatched().isEmpty()) {
            // Picocli lists every loosely similar name, most similar first.
            List<String> suggestions = unmatched.getSuggestions();
            return "unknown command '" + unmatched.getUnmatched().getFirst() + "'"
                    + (suggestions.isEmpty() ? "" : " (did you mean " + suggestions.getFirst() + "?)");
        }
        return exception.getMessage();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
