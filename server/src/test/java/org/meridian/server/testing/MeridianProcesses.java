package org.meridian.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The command line as an operator runs it: a process of its own, on this test's class path. */
public final class MeridianProcesses {
    /** The line {@code ingest --progress LINES} prints once a batch is committed: records so far, and the file's line. */
    public static final Pattern COMMITTED = Pattern.compile("committed (\\d+) records through .*:(\\d+)");

    private MeridianProcesses() {
    }

    /**
     * Reads what an {@code ingest --progress LINES} prints, handing each committed count to
     * {@code committed} until it answers false or the output ends.
     *
     * @return the last count committed
     */
    public static long followCommits(Process ingest, LongPredicate committed) throws IOException {
        long last = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(ingest.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher matcher = COMMITTED.matcher(line);
                if (matcher.matches()) {
                    last = Long.parseLong(matcher.group(1));
                    if (!committed.test(last)) {
                        break;
                    }
                }
            }
        }
        return last;
    }

    /** {@code meridian <arguments>}, to be started by the caller (who redirects its output). */
    public static ProcessBuilder meridian(String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.meridian.server.cli.MeridianCommand"));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command);
    }
}
