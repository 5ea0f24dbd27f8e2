package org.meridian.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final ProgressBar bar = new ProgressBar(new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8), false, "Reindexing");

    @Test
    void estimatesTheTimeLeftFromThePaceSoFar() {
        assertThat(bar.render(500, 1000, 500, Duration.ofSeconds(10))).endsWith("500 records, 50/s, ETA 0:10");
    }

    @Test
    void givesNoEstimateBeforeOnePercentIsDone() {
        // 1 of 98,000 after 4 s would promise more than 100 hours.
        assertThat(bar.render(1, 98_000, 1, Duration.ofSeconds(4))).endsWith("ETA ?");
    }
}
