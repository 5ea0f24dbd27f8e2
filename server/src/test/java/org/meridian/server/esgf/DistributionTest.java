package org.meridian.server.esgf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.search.InvalidQueryException;

class DistributionTest {
    private static final String SELF = "index.meridian.test:8080";

    @Test
    void distributedByDefaultAddressingThisNode() {
        Distribution distribution = Distribution.from(Map.of());

        assertThat(distribution.distributed()).isTrue();
        assertThat(distribution.shards(SELF, RecordType.DATASET)).containsExactly("index.meridian.test:8080/solr/datasets");
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "False", "FALSE", "f", "0"})
    void localSearchIgnoresShardsEvenMalformedOnes(String value) {
        Distribution distribution = Distribution.from(Map.of("distrib", List.of(value), "shards", List.of("bad")));

        assertThat(distribution.distributed()).isFalse();
        assertThat(distribution.shards(SELF, RecordType.FILE)).isEmpty();
    }

    @Test
    void coreFollowsTheRecordType() {
        Distribution distribution = Distribution.from(Map.of("distrib", List.of("true")));

        assertThat(distribution.shards(SELF, RecordType.FILE)).containsExactly(SELF + "/solr/files");
        assertThat(distribution.shards(SELF, RecordType.AGGREGATION)).containsExactly(SELF + "/solr/aggregations");
    }

    @Test
    void namedShardsAreCheckedButOnlyThisNodeIsEchoedAsOnlyItWasSearched() {
        Distribution distribution = Distribution.from(Map.of("distrib", List.of("t"), "shards", List.of(
                "esgf.ceda.ac.uk/solr, https://esgf-node.llnl.gov:443/solr/datasets", "[::1]:8983/solr")));

        assertThat(distribution.requestedShards()).containsExactly(
                "esgf.ceda.ac.uk", "https://esgf-node.llnl.gov:443", "[::1]:8983");
        assertThat(distribution.shards(SELF, RecordType.DATASET)).containsExactly(SELF + "/solr/datasets");
    }

    @ParameterizedTest
    @ValueSource(strings = {"esgf.ceda.ac.uk", "esgf.ceda.ac.uk/", "esgf.ceda.ac.uk:0/solr", "esgf.ceda.ac.uk:70000/solr",
            "ftp://esgf.ceda.ac.uk/solr", "esgf ceda/solr", "-host/solr", "host/solr/../x"})
    void rejectsMalformedShards(String shard) {
        assertThatThrownBy(() -> Distribution.from(Map.of("shards", List.of(shard))))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("shards");
                    assertThat(e.getMessage()).contains("Invalid shard '" + shard.strip() + "'");
                });
    }

    @Test
    void rejectsDistribOtherThanTrueOrFalse() {
        assertThatThrownBy(() -> Distribution.from(Map.of("distrib", List.of("yes"))))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.parameter()).isEqualTo("distrib"));
        assertThatThrownBy(() -> Distribution.from(Map.of("distrib", List.of("true", "false"))))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.parameter()).isEqualTo("distrib"));
        assertThatThrownBy(() -> Distribution.from(Map.of("shards", List.of(" "))))
                .isInstanceOfSatisfying(InvalidQueryException.class, e ->
                        assertThat(e.getMessage()).isEqualTo("Invalid empty value for parameter=shards"));
    }
}
