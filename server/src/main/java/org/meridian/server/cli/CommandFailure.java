package org.meridian.server.cli;

import org.meridian.server.catalog.IngestFailedException;
import org.meridian.server.catalog.IngestInterruptedException;
import org.meridian.server.system.ProblemException;

/** The one line a failed command prints, without stack traces. */
final class CommandFailure {
    private CommandFailure() {
    }

    static String describe(Exception failure) {
        if (failure instanceof IngestFailedException ingest) {
            String fix = ingest.line() > 0 ? "fix the line" : "fix the path or the file";
            return "ingest stopped at " + ingest.getMessage() + " (" + (ingest.committedRecords() == 0 ? "nothing is loaded"
                    : ingest.committedRecords() + " records before it are committed") + "; " + fix
                    + " and run the same command again)";
        }
        if (failure instanceof IngestInterruptedException interrupted) {
            return "ingest interrupted: " + interrupted.getMessage() + " (" + interrupted.committedRecords()
                    + " records before it are committed; run the same command again to load the rest)";
        }
        if (failure instanceof ProblemException problem) {
            Object field = problem.members().get("field");
            return (field == null ? "" : field + ": ") + problem.getMessage();
        }
        return StartupFailure.describe(failure);
    }
}
