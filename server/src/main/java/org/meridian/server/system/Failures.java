package org.meridian.server.system;

/** What to say of a failure in one line: its deepest cause usually says what went wrong. */
public final class Failures {
    private Failures() {
    }

    /** The innermost cause of {@code failure} (itself if it has none). */
    public static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** The innermost cause's message, or its kind when it has none. */
    public static String rootMessage(Throwable failure) {
        Throwable root = rootCause(failure);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
