package org.meridian.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP load run of typical ESGF queries against a running node: for each query, a warm-up, then
 * {@code clients} concurrent clients issue it back to back for {@code seconds}; prints p50, p99
 * and throughput per query. Each query runs twice: repeated verbatim (what a landing page or a
 * client's count-then-page does, served from the index's counts cache after the first time), and
 * "distinct", where every request is counted afresh: queries with facets list them in a different
 * order each time (same work), the others add a never-matching negation ({@code source_id!=absent-N}).
 *
 * <p>With an API token as the fourth argument it also runs the selective query anonymously and
 * with the token, one after the other, so the difference is what authenticating a request costs.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.meridian.bench.HttpLoadRunner
 * http://localhost:8080 [clients] [seconds] [token]}. Only loopback targets are allowed.
 */
public final class HttpLoadRunner {
    /** What ESGF clients typically send (esgf-pyclient's counts call, facet drill-down, text search). */
    static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("8 facets, match all (limit=0)",
                "/esg-search/search?format=application/solr+json&distrib=false&limit=0"
                        + "&facets=project,activity_id,experiment_id,source_id,institution_id,variable_id,table_id,frequency");
        QUERIES.put("selective facet query",
                "/esg-search/search?format=application/solr+json&distrib=false&limit=10"
                        + "&source_id=CESM2&experiment_id=historical&variable_id=tas&latest=true");
        QUERIES.put("text query",
                "/esg-search/search?format=application/solr+json&distrib=false&limit=10&query=precipitation");
        QUERIES.put("page 3 of a facet drill-down with facets",
                "/esg-search/search?format=application/solr+json&distrib=false&limit=50&offset=100"
                        + "&experiment_id=ssp585&facets=source_id,variable_id&replica=false");
        QUERIES.put("files of a dataset (pyesgf file context)",
                "/esg-search/search?format=application/solr+json&distrib=false&type=File&limit=50&variable_id=pr");
    }

    private HttpLoadRunner() {
    }

    /** Latency summary of one query. */
    record Result(String name, int requests, int failures, double p50Millis, double p99Millis, double perSecond) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: HttpLoadRunner BASE_URL [clients=4] [seconds=15] [token]");
            System.exit(2);
        }
        URI base = URI.create(args[0]);
        String host = base.getHost();
        if (!host.equals("localhost") && !host.startsWith("127.") && !host.equals("[::1]")) {
            System.err.println("HttpLoadRunner only targets loopback addresses, got " + host);
            System.exit(2);
        }
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        List<Result> results = new ArrayList<>(run(base, clients, Duration.ofSeconds(seconds)));
        if (args.length > 3) {
            results.addAll(authenticationOverhead(base, clients, Duration.ofSeconds(seconds), args[3]));
        }
        System.out.printf(Locale.ROOT, "%-58s %9s %9s %9s %10s %8s%n", "query", "requests", "p50 ms", "p99 ms", "req/s", "errors");
        for (Result result : results) {
            System.out.printf(Locale.ROOT, "%-58s %9d %9.2f %9.2f %10.1f %8d%n", result.name(), result.requests(),
                    result.p50Millis(), result.p99Millis(), result.perSecond(), result.failures());
        }
    }

    static List<Result> run(URI base, int clients, Duration duration) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Result> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (Map.Entry<String, String> query : QUERIES.entrySet()) {
                for (boolean distinct : new boolean[] {false, true}) {
                    String name = query.getKey() + (distinct ? ", distinct" : ", repeated");
                    measure(http, pool, base, query.getValue(), distinct, clients, Duration.ofSeconds(3));
                    results.add(summarise(name, measure(http, pool, base, query.getValue(), distinct, clients, duration), duration));
                }
            }
        }
        return results;
    }

    /** The same repeated query as anonymous and as a token holder, each after its own warm-up. */
    static List<Result> authenticationOverhead(URI base, int clients, Duration duration, String token) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String path = QUERIES.get("selective facet query");
        List<Result> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (String bearer : new String[] {null, token}) {
                String name = "selective facet query, " + (bearer == null ? "anonymous" : "with bearer token");
                measure(http, pool, base, path, false, bearer, clients, Duration.ofSeconds(3));
                results.add(summarise(name, measure(http, pool, base, path, false, bearer, clients, duration), duration));
            }
        }
        return results;
    }

    private record Samples(long[] nanos, int count, int failures) {
    }

    private static Samples measure(HttpClient http, ExecutorService pool, URI base, String path, boolean distinct,
            int clients, Duration duration) throws Exception {
        return measure(http, pool, base, path, distinct, null, clients, duration);
    }

    private static Samples measure(HttpClient http, ExecutorService pool, URI base, String path, boolean distinct,
            String bearer, int clients, Duration duration) throws Exception {
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger variant = new AtomicInteger();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            futures.add(pool.submit(() -> {
                long[] samples = new long[1 << 16];
                int count = 0;
                HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
                if (bearer != null) {
                    builder.header("Authorization", "Bearer " + bearer);
                }
                HttpRequest repeated = builder.build();
                while (System.nanoTime() < deadline) {
                    HttpRequest request = distinct
                            ? HttpRequest.newBuilder(base.resolve(distinctVariant(path, variant.incrementAndGet())))
                                    .timeout(Duration.ofSeconds(30)).GET().build()
                            : repeated;
                    long start = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failures.incrementAndGet();
                    }
                    if (count == samples.length) {
                        samples = Arrays.copyOf(samples, count * 2);
                    }
                    samples[count++] = System.nanoTime() - start;
                }
                return Arrays.copyOf(samples, count);
            }));
        }
        long[] all = new long[0];
        for (Future<long[]> future : futures) {
            long[] part = future.get();
            long[] merged = Arrays.copyOf(all, all.length + part.length);
            System.arraycopy(part, 0, merged, all.length, part.length);
            all = merged;
        }
        return new Samples(all, all.length, failures.get());
    }

    /** The same query under another cache key: facets reordered, or a never-matching negation added. */
    static String distinctVariant(String path, long variant) {
        java.util.regex.Matcher facets = java.util.regex.Pattern.compile("facets=([^&]+)").matcher(path);
        if (facets.find() && facets.group(1).contains(",")) {
            String reordered = String.join(",", FacetOrders.permutation(List.of(facets.group(1).split(",")), variant));
            return path.substring(0, facets.start(1)) + reordered + path.substring(facets.end(1));
        }
        return path + "&source_id!=absent-" + variant;
    }

    private static Result summarise(String name, Samples samples, Duration duration) {
        long[] sorted = samples.nanos().clone();
        Arrays.sort(sorted);
        return new Result(name, samples.count(), samples.failures(), percentile(sorted, 0.50), percentile(sorted, 0.99),
                samples.count() / (duration.toMillis() / 1000.0));
    }

    private static double percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
