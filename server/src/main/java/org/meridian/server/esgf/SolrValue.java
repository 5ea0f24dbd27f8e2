package org.meridian.server.esgf;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A typed field value of a Solr document. The type decides both the JSON form (string, number,
 * boolean, array) and the XML element ({@code str}, {@code int}, {@code long}, {@code float},
 * {@code bool}, {@code date}, {@code arr}) that Solr clients expect for each ESGF field (spec §4.1).
 */
sealed interface SolrValue {

    record Text(String value) implements SolrValue {
        public Text {
            requireNonNull(value, "value is null");
        }
    }

    record Flag(boolean value) implements SolrValue {
    }

    /** Solr {@code int}: counts such as {@code number_of_files}. */
    record Count(int value) implements SolrValue {
    }

    /** Solr {@code long}: sizes in bytes. */
    record Quantity(long value) implements SolrValue {
    }

    /** Solr {@code float}: scores and coordinates. */
    record Decimal(float value) implements SolrValue {
    }

    /** Solr {@code date}: an instant, written as ISO-8601 UTC with at most millisecond precision. */
    record Timestamp(Instant value) implements SolrValue {
        public Timestamp {
            requireNonNull(value, "value is null");
        }

        /** Solr's own rendering: {@code 2019-03-08T12:00:00Z}, {@code 2019-03-08T12:00:00.123Z}. */
        String text() {
            return value.truncatedTo(ChronoUnit.MILLIS).toString();
        }
    }

    /** A multi-valued field: always an array, even with one value. */
    record Values(List<SolrValue> values) implements SolrValue {
        public Values {
            values = List.copyOf(values);
        }

        static Values ofText(List<String> texts) {
            return new Values(texts.stream().<SolrValue>map(Text::new).toList());
        }
    }
}
