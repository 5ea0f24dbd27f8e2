package org.meridian.server.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows the progress of a long command on standard error: a redrawn bar with rate and ETA on a
 * terminal, or a plain line every few seconds when output goes to a file or a pipe.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private static final long LINE_INTERVAL_NANOS = Duration.ofSeconds(2).toNanos();

    private final PrintStream out;
    private final boolean terminal;
    private final String what;
    private long lastLine;
    private boolean drawn;

    ProgressBar(PrintStream out, boolean terminal, String what) {
        this.out = out;
        this.terminal = terminal;
        this.what = what;
    }

    static ProgressBar onStandardError(String what) {
        return new ProgressBar(System.err, System.console() != null, what);
    }

    /**
     * @param done units of work done out of {@code total} (e.g. bytes); total ≤ 0 means unknown
     * @param items items processed, shown with their rate
     */
    void update(long done, long total, long items, Duration elapsed) {
        long now = System.nanoTime();
        if (!terminal && now - lastLine < LINE_INTERVAL_NANOS) {
            return;
        }
        lastLine = now;
        String line = render(done, total, items, elapsed);
        if (terminal) {
            out.print("\r" + line + "   ");
            drawn = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the bar with a final summary line. */
    void finish(String summary) {
        if (drawn) {
            out.print("\r" + " ".repeat(WIDTH + 80) + "\r");
        }
        out.println(summary);
        out.flush();
    }

    String render(long done, long total, long items, Duration elapsed) {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        double rate = items / seconds;
        StringBuilder line = new StringBuilder(what).append(' ');
        if (total > 0) {
            double fraction = Math.min(1.0, (double) done / total);
            int filled = (int) Math.round(fraction * WIDTH);
            line.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%% ", Math.round(fraction * 100)));
            // Below 1 % done, the estimate is mostly start-up time and wildly off (hours for a minute's work).
            String eta = fraction >= 0.01
                    ? duration(Duration.ofMillis((long) (elapsed.toMillis() * (1 - fraction) / fraction))) : "?";
            line.append(String.format(Locale.ROOT, "%,d records, %,.0f/s, ETA %s", items, rate, eta));
        } else {
            line.append(String.format(Locale.ROOT, "%,d records, %,.0f/s", items, rate));
        }
        return line.toString();
    }

    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
