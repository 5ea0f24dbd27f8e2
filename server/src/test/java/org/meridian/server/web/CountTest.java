package org.meridian.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class CountTest {

    @Test
    void groupsThousandsWithCommas() {
        assertThat(new Count(0).grouped()).isEqualTo("0");
        assertThat(new Count(999).grouped()).isEqualTo("999");
        assertThat(new Count(19_606).grouped()).isEqualTo("19,606");
        assertThat(new Count(1_234_567).grouped()).isEqualTo("1,234,567");
    }

    @Test
    void theNounAgreesWithTheNumber() {
        assertThat(new Count(0).of("file", "files")).isEqualTo("0 files");
        assertThat(new Count(1).of("file", "files")).isEqualTo("1 file");
        assertThat(new Count(1_000).of("file", "files")).isEqualTo("1,000 files");
    }

    @Test
    void rejectsNegativeCounts() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Count(-1)).withMessageContaining("-1");
    }
}
