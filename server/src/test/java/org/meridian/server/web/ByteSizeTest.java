package org.meridian.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

    @Test
    void usesDecimalUnitsWithOneDecimalBelowOneHundred() {
        assertThat(new ByteSize(0).human()).isEqualTo("0 B");
        assertThat(new ByteSize(999).human()).isEqualTo("999 B");
        assertThat(new ByteSize(1_000).human()).isEqualTo("1.0 kB");
        assertThat(new ByteSize(1_234_567).human()).isEqualTo("1.2 MB");
        assertThat(new ByteSize(150_400_000).human()).isEqualTo("150 MB");
        assertThat(new ByteSize(999_960_000).human()).isEqualTo("1.0 GB");
        assertThat(new ByteSize(2_500_000_000_000L).human()).isEqualTo("2.5 TB");
        assertThat(new ByteSize(Long.MAX_VALUE).human()).isEqualTo("9.2 EB");
    }

    @Test
    void rejectsNegativeSizes() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ByteSize(-1)).withMessageContaining("-1");
    }
}
