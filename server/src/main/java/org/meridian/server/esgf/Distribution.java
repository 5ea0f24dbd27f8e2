package org.meridian.server.esgf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.search.InvalidQueryException;
import org.meridian.catalog.search.PlainBooleans;

/**
 * ESGF's {@code distrib} and {@code shards} parameters (spec §2, §6): whether a search should fan
 * out to peer indexes, and to which.
 *
 * <p>Until the federation feature exists every search is answered from the local index; the
 * response says so (see {@link SolrResponse#LOCAL_ONLY}) and echoes the one shard it searched,
 * this node, because pyesgf reads {@code responseHeader.params.shards} of every distributed search
 * and fails without it. Shards a caller names are checked, so a malformed one is refused, but not
 * echoed: they were not searched. With {@code distrib=false} they are ignored, as in ESGF.
 *
 * @param requestedShards shards named by the caller, each {@code [scheme://]host[:port]}; empty
 *     means all known shards
 */
record Distribution(boolean distributed, List<String> requestedShards) {
    static final String DISTRIB = "distrib";
    static final String SHARDS = "shards";

    /** {@code [http[s]://]host[:port]/solr[/core]}, the form pyesgf sends back (spec §6). */
    private static final Pattern SHARD = Pattern.compile(
            "((?:https?://)?(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+])(?::(\\d{1,5}))?)"
                    + "/solr(?:/[A-Za-z0-9_.-]+)?/?");

    Distribution {
        requestedShards = List.copyOf(requestedShards);
    }

    /** @throws InvalidQueryException for a {@code distrib} other than true/false or a malformed shard */
    static Distribution from(Map<String, List<String>> parameters) {
        boolean distributed = true;
        List<String> distrib = parameters.getOrDefault(DISTRIB, List.of());
        if (distrib.size() > 1) {
            throw new InvalidQueryException(DISTRIB, "Parameter distrib may be given only once, got " + distrib.size());
        }
        if (!distrib.isEmpty()) {
            String value = distrib.get(0).strip();
            if (value.isEmpty()) {
                throw new InvalidQueryException(DISTRIB, "Invalid empty value for parameter=distrib");
            }
            // Read as the flags are (latest=t, replica=0), so every boolean parameter takes the same words.
            distributed = PlainBooleans.read(value).orElseThrow(() -> new InvalidQueryException(DISTRIB,
                    "Parameter distrib must be " + PlainBooleans.ALLOWED + ", got '" + value + "'"));
        }
        List<String> shards = new ArrayList<>();
        for (String list : distributed ? parameters.getOrDefault(SHARDS, List.of()) : List.<String>of()) {
            if (list.isBlank()) {
                throw new InvalidQueryException(SHARDS, "Invalid empty value for parameter=shards");
            }
            for (String shard : list.split(",")) {
                if (!shard.isBlank()) {
                    shards.add(hostAndPort(shard.strip()));
                }
            }
        }
        return new Distribution(distributed, shards);
    }

    /**
     * The shards this search was answered from as Solr names them, {@code host[:port]/solr/<core>},
     * the core following the record type: this node alone until there is a federation to search;
     * empty when the search is not distributed.
     *
     * @param self this node as {@code host:port}
     */
    List<String> shards(String self, RecordType type) {
        if (!distributed) {
            return List.of();
        }
        String core = switch (type) {
            case DATASET -> "datasets";
            case FILE -> "files";
            case AGGREGATION -> "aggregations";
        };
        return List.of(self + "/solr/" + core);
    }

    private static String hostAndPort(String shard) {
        Matcher matcher = SHARD.matcher(shard);
        if (!matcher.matches() || (matcher.group(2) != null && !isPort(matcher.group(2)))) {
            throw new InvalidQueryException(SHARDS, "Invalid shard '" + shard
                    + "' in parameter shards: expected host[:port]/solr, e.g. esgf-node.example.org:443/solr");
        }
        return matcher.group(1);
    }

    private static boolean isPort(String digits) {
        int port = Integer.parseInt(digits);
        return port >= 1 && port <= 65_535;
    }
}
