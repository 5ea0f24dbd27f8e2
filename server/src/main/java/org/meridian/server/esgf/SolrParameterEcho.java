package org.meridian.server.esgf;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.meridian.catalog.GeoBox;
import org.meridian.catalog.search.FieldConstraint;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SearchRequest;
import org.meridian.catalog.search.TimeRange;
import org.meridian.server.esgf.SolrValue.Text;
import org.meridian.server.esgf.SolrValue.Values;

/**
 * The Solr parameters an ESGF index would have run for a search, echoed in
 * {@code responseHeader.params} (spec §4). Clients read only {@code shards}; the rest lets a
 * person compare an answer with one from another ESGF node. Meridian-only parts of the query
 * (stage, access scope) are not Solr parameters and are not shown.
 *
 * <p>As Solr echoes them: a parameter given once is a string, and only the repeated ones
 * ({@code fq}, {@code facet.field} with several values) are arrays, so an answer reads the same
 * as another ESGF node's.
 */
final class SolrParameterEcho {

    private SolrParameterEcho() {
    }

    /** @param shards the shards addressed, empty for a search that is not distributed */
    static Map<String, SolrValue> of(SearchRequest request, ResponseFormat format, List<String> shards) {
        Query query = request.query();
        Map<String, SolrValue> parameters = new LinkedHashMap<>();
        parameters.put("df", new Text("text"));
        parameters.put("q", new Text(query.text().orElse("*:*")));
        List<String> filters = filters(query);
        if (!filters.isEmpty()) {
            parameters.put("fq", repeatable(filters));
        }
        parameters.put("sort", new Text(switch (query.sort()) {
            case RELEVANCE -> "score desc,id asc";
            case NEWEST -> "_timestamp desc,id asc";
            case ID -> "id asc";
        }));
        parameters.put("start", new Text(Integer.toString(query.offset())));
        parameters.put("rows", new Text(Integer.toString(query.limit())));
        parameters.put("fl", new Text(request.wantsAllFields() ? "*,score"
                : Stream.concat(request.fields().stream(), Stream.of("score")).distinct().collect(Collectors.joining(","))));
        parameters.put("facet", new Text("true"));
        parameters.put("facet.sort", new Text("lex"));
        parameters.put("facet.limit", new Text("-1"));
        parameters.put("facet.mincount", new Text("1"));
        if (!query.facets().isEmpty()) {
            parameters.put("facet.field", repeatable(query.facets()));
        }
        parameters.put("wt", new Text(format.writerType()));
        if (!shards.isEmpty()) {
            parameters.put("shards", new Text(String.join(",", shards)));
        }
        return parameters;
    }

    private static SolrValue repeatable(List<String> values) {
        return values.size() == 1 ? new Text(values.getFirst()) : Values.ofText(values);
    }

    private static List<String> filters(Query query) {
        List<String> filters = new ArrayList<>();
        query.type().ifPresent(type -> filters.add("type:" + type.label()));
        for (FieldConstraint constraint : query.constraints()) {
            if (!constraint.anyOf().isEmpty()) {
                filters.add(constraint.anyOf().stream()
                        .map(value -> constraint.field() + ":" + quoted(value))
                        .collect(Collectors.joining(" || ")));
            }
            constraint.noneOf().forEach(value -> filters.add("-" + constraint.field() + ":" + quoted(value)));
        }
        query.latest().ifPresent(latest -> filters.add("latest:" + latest));
        query.replica().ifPresent(replica -> filters.add("replica:" + replica));
        query.retracted().ifPresent(retracted -> filters.add("retracted:" + retracted));
        TimeRange cataloged = query.cataloged();
        if (!cataloged.isUnbounded()) {
            filters.add("_timestamp:[" + bound(cataloged.from()) + " TO " + bound(cataloged.to()) + "]");
        }
        query.coverage().start().ifPresent(start -> filters.add("datetime_stop:[" + time(start) + " TO *]"));
        query.coverage().end().ifPresent(end -> filters.add("datetime_start:[* TO " + time(end) + "]"));
        if (query.minVersion().isPresent() || query.maxVersion().isPresent()) {
            filters.add("version:[" + query.minVersion().map(String::valueOf).orElse("*") + " TO "
                    + query.maxVersion().map(String::valueOf).orElse("*") + "]");
        }
        query.bbox().ifPresent(box -> filters.addAll(bbox(box)));
        return filters;
    }

    /** Spec §2: {@code [W,S,E,N]} keeps records whose box overlaps. */
    private static List<String> bbox(GeoBox box) {
        return List.of(
                "east_degrees:[" + box.west() + " TO *]",
                "north_degrees:[" + box.south() + " TO *]",
                "west_degrees:[* TO " + box.east() + "]",
                "south_degrees:[* TO " + box.north() + "]");
    }

    private static String bound(Optional<Instant> time) {
        return time.map(SolrParameterEcho::time).orElse("*");
    }

    private static String time(Instant time) {
        return time.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** A Lucene phrase: the value in double quotes, with quotes and backslashes escaped. */
    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
