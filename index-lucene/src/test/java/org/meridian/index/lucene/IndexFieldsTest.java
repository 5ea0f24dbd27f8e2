package org.meridian.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.meridian.catalog.RecordId;
import org.meridian.catalog.Stage;

class IndexFieldsTest {

    @Test
    void microsecondsAreExactAtDatabasePrecision() {
        assertThat(IndexFields.microseconds(Instant.parse("1970-01-01T00:00:01.000002Z"))).isEqualTo(1_000_002L);
        assertThat(IndexFields.microseconds(Instant.parse("0850-01-01T00:00:00Z")))
                .as("palaeoclimate coverage fits")
                .isEqualTo(Instant.parse("0850-01-01T00:00:00Z").getEpochSecond() * 1_000_000L);
    }

    @Test
    void finerPartsAreTruncatedTowardThePast() {
        assertThat(IndexFields.microseconds(Instant.parse("1970-01-01T00:00:00.0000019Z"))).isEqualTo(1L);
        assertThat(IndexFields.microseconds(Instant.parse("1969-12-31T23:59:59.9999995Z"))).isEqualTo(-1L);
    }

    @Test
    void instantsBeyondTheRangeSaturate() {
        assertThat(IndexFields.microseconds(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
        assertThat(IndexFields.microseconds(Instant.MIN)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void keysOfTheSameIdDifferByStage() {
        RecordId id = RecordId.of("CMIP6.X.v1|node");

        assertThat(IndexFields.key(Stage.STAGING, id)).isNotEqualTo(IndexFields.key(Stage.PRODUCTION, id));
        assertThat(IndexFields.key(Stage.PRODUCTION, id)).isEqualTo("PRODUCTION:CMIP6.X.v1|node");
    }
}
