package org.meridian.server.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The command line as an operator runs it: a process of its own, on this test's class path. */
public final class MeridianProcesses {
    /** The line {@code ingest --progress LINES} prints once a batch is committed: records so far, and the file's line. */
    public static final Pattern COMMITTED = Pattern.compile("committed (\\d+) records through .*:(\\d+)");

    private MeridianProcesses() {
    }

    /** {@code meridian <arguments>}, to be started by the caller (who redirects its output). */
    public static ProcessBuilder meridian(String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.meridian.server.cli.MeridianCommand"));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command);
    }
}
