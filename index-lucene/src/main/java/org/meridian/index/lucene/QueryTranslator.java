package org.meridian.index.lucene;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.QueryParserConstants;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.Transition;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.meridian.catalog.GeoBox;
import org.meridian.catalog.Stage;
import org.meridian.catalog.search.AccessScope;
import org.meridian.catalog.search.DateExpression;
import org.meridian.catalog.search.FieldConstraint;
import org.meridian.catalog.search.InvalidQueryException;
import org.meridian.catalog.search.PlainBooleans;
import org.meridian.catalog.search.PlainNumbers;
import org.meridian.catalog.FacetProfile;
import org.meridian.catalog.search.Query;
import org.meridian.catalog.search.SortOrder;
import org.meridian.catalog.search.TimeRange;

/**
 * Turns a {@link Query} into one Lucene query: the free text (if any) is the only scoring part;
 * stage, access scope, type, flags, constraints, times, versions and box are filters.
 *
 * <p>Free text is Lucene's classic query syntax, as ESGF passes {@code query=} to Solr: bare
 * terms search {@code text}, {@code field:value} searches one keyword field exactly (so
 * {@code source_id:CESM2}, {@code nominal_resolution:"100 km"} and {@code id:CMIP6.CMIP.*} work),
 * {@code AND}/{@code OR}/{@code NOT}, phrases, wildcards. A bare term the text analyser splits
 * (an id such as {@code CMIP6.CMIP.NCAR}) becomes a phrase, so it means that id and not any of
 * its parts. A purely negative query ({@code NOT retracted:true}) means "everything except", as in
 * Solr.
 *
 * <p>Wildcards read as in Solr: {@code *} matches everything, {@code field:*} every record that
 * has the field, and a pattern may start with a wildcard on a facet-like field
 * ({@code experiment_id:*hist*}), whose terms are few.
 *
 * <p>Pathological queries are refused as invalid rather than run: a leading wildcard on the text
 * or on a near-unique field ({@code *tas}, {@code id:?MIP6*}) would enumerate every term of it,
 * which for ids is every record; expansions beyond Lucene's clause limit and regular expressions
 * too complex to compile are refused when they occur. Regular expressions that may start with any
 * character on those fields ({@code /.*tas/}, the same walk as a leading wildcard), those whose
 * automaton would be huge to build ({@code c{1,1000}{1,1000}}) and parentheses nested deeper than
 * {@value #MAX_NESTING} are refused before any work.
 */
final class QueryTranslator {
    /** Core fields with a handful of values across a catalog. */
    private static final Set<String> FEW_TERM_CORE_FIELDS = Set.of(IndexFields.TYPE, IndexFields.DATA_NODE,
            IndexFields.INDEX_NODE, IndexFields.VERSION, IndexFields.CHECKSUM_TYPE, IndexFields.LATEST,
            IndexFields.REPLICA, IndexFields.RETRACTED, IndexFields.VISIBILITY, IndexFields.ORIGIN,
            IndexFields.ACCESS_GROUP);
    /** Deepest nesting of parentheses accepted in free text; real queries use a handful. */
    static final int MAX_NESTING = 64;
    /** Largest automaton a regular expression may need, in states (see {@link #automatonSize}). */
    static final long MAX_REGEXP_STATES = 10_000;
    /**
     * Most characters a regular expression may start with. A term dictionary is walked by prefix,
     * so {@code /.*tas/}, {@code /[^a]tas/} or {@code /\Wtas/} visit every term, as a leading
     * wildcard would; a small class such as {@code /[Tt]as/} visits few.
     */
    static final long MAX_REGEXP_FIRST_CHARACTERS = 256;

    private final Analyzer analyzer;
    private final DateExpression dates;

    /**
     * @param analyzer the index's per-field analyzer: text analysis for {@code text}, keywords elsewhere
     * @param clock what {@code NOW} means in date math ({@code _timestamp:[NOW-1DAY TO *]})
     */
    QueryTranslator(Analyzer analyzer, Clock clock) {
        this.analyzer = requireNonNull(analyzer, "analyzer is null");
        this.dates = new DateExpression(clock);
    }

    /**
     * The Lucene query. Without free text it is constant-scoring: every match scores 1, so
     * relevance order is id order and no scores need computing.
     *
     * @throws InvalidQueryException naming {@code query} when the free text does not parse
     */
    org.apache.lucene.search.Query translate(Query query) {
        requireNonNull(query, "query is null");
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        query.text().ifPresent(text -> builder.add(parse(text), Occur.MUST));
        builder.add(scope(query), Occur.FILTER);
        for (FieldConstraint constraint : query.constraints()) {
            if (!constraint.anyOf().isEmpty()) {
                builder.add(valueIn(constraint.field(), constraint.anyOf()), Occur.FILTER);
            }
            if (!constraint.noneOf().isEmpty()) {
                builder.add(valueIn(constraint.field(), constraint.noneOf()), Occur.MUST_NOT);
            }
        }
        if (!query.cataloged().isUnbounded()) {
            builder.add(within(IndexFields.CATALOGED, query.cataloged()), Occur.FILTER);
        }
        // Overlap: the coverage ends at or after the range starts, and starts at or before it ends.
        query.coverage().start().ifPresent(start -> builder.add(
                LongField.newRangeQuery(IndexFields.DATETIME_STOP, IndexFields.microseconds(start), Long.MAX_VALUE),
                Occur.FILTER));
        query.coverage().end().ifPresent(end -> builder.add(
                LongField.newRangeQuery(IndexFields.DATETIME_START, Long.MIN_VALUE, IndexFields.microseconds(end)),
                Occur.FILTER));
        if (query.minVersion().isPresent() || query.maxVersion().isPresent()) {
            builder.add(LongField.newRangeQuery(IndexFields.VERSION_NUMBER,
                    query.minVersion().orElse(Long.MIN_VALUE), query.maxVersion().orElse(Long.MAX_VALUE)), Occur.FILTER);
        }
        query.bbox().ifPresent(box -> overlapping(box).forEach(filter -> builder.add(filter, Occur.FILTER)));
        BooleanQuery combined = builder.build();
        return query.text().isPresent() ? combined : new ConstantScoreQuery(combined);
    }

    /**
     * Stage, access, type and flags as one clause. These terms match most of the index, so
     * reading their postings on every search is costly, and Lucene's query cache never caches a
     * single term; as one recurring clause (there are few distinct scopes) it is cached as a bit
     * set per segment, and the selective parts of the query lead the search.
     */
    private static org.apache.lucene.search.Query scope(Query query) {
        BooleanQuery.Builder scope = visibleClauses(query.stage(), query.access());
        query.type().ifPresent(type -> scope.add(term(IndexFields.TYPE, type.label()), Occur.FILTER));
        query.latest().ifPresent(latest -> scope.add(flag(IndexFields.LATEST, latest), Occur.FILTER));
        query.replica().ifPresent(replica -> scope.add(flag(IndexFields.REPLICA, replica), Occur.FILTER));
        query.retracted().ifPresent(retracted -> scope.add(flag(IndexFields.RETRACTED, retracted), Occur.FILTER));
        return scope.build();
    }

    /**
     * The documents a caller searching {@code stage} with {@code access} may see, whatever else
     * their query asks: the stage's public records and those of their groups.
     */
    static org.apache.lucene.search.Query visible(Stage stage, AccessScope access) {
        return visibleClauses(stage, access).build();
    }

    /**
     * The documents such a caller may not see, each clause naming them by a term they have, so
     * that where they are few, a search for them is quick however many documents are visible:
     * every other stage, and in theirs the restricted records of groups not theirs. Together
     * with {@link #visible} it covers every document exactly once, as every document has one
     * stage, and a group exactly when it is restricted.
     */
    static org.apache.lucene.search.Query hidden(Stage stage, AccessScope access) {
        BooleanQuery.Builder hidden = new BooleanQuery.Builder();
        for (Stage other : Stage.values()) {
            if (other != stage) {
                hidden.add(term(IndexFields.STAGE, other.name()), Occur.SHOULD);
            }
        }
        if (!access.everything()) {
            BooleanQuery.Builder restricted = new BooleanQuery.Builder()
                    .add(term(IndexFields.STAGE, stage.name()), Occur.FILTER)
                    .add(term(IndexFields.RESTRICTED, "true"), Occur.FILTER);
            if (!access.groups().isEmpty()) {
                restricted.add(anyOf(IndexFields.ACCESS_GROUP, List.copyOf(access.groups())), Occur.MUST_NOT);
            }
            hidden.add(restricted.build(), Occur.SHOULD);
        }
        return hidden.build();
    }

    private static BooleanQuery.Builder visibleClauses(Stage stage, AccessScope access) {
        BooleanQuery.Builder visible = new BooleanQuery.Builder();
        visible.add(term(IndexFields.STAGE, stage.name()), Occur.FILTER);
        access(access).ifPresent(filter -> visible.add(filter, Occur.FILTER));
        return visible;
    }

    /** The Lucene sort for an order; every order ends with the id so paging is stable. */
    static org.apache.lucene.search.Sort sort(SortOrder order, boolean scored) {
        SortField byId = new SortField(IndexFields.ID, new IdComparatorSource());
        return switch (order) {
            // Unscored matches all score alike, so ordering by score would only cost time.
            case RELEVANCE -> scored
                    ? new org.apache.lucene.search.Sort(SortField.FIELD_SCORE, byId)
                    : new org.apache.lucene.search.Sort(byId);
            case NEWEST -> new org.apache.lucene.search.Sort(
                    LongField.newSortField(IndexFields.CATALOGED, true, SortedNumericSelector.Type.MAX), byId);
            case ID -> new org.apache.lucene.search.Sort(byId);
        };
    }

    private org.apache.lucene.search.Query parse(String text) {
        if (nestingDepth(text) > MAX_NESTING) {
            // The parser descends once per level; thousands of levels overflow its stack.
            throw new InvalidQueryException("query", "parentheses are nested more than " + MAX_NESTING + " deep");
        }
        // A parser is cheap and not thread-safe, so each search gets its own.
        QueryParser parser = new TypedFieldParser(IndexFields.TEXT, analyzer);
        // Split on whitespace first (Solr's classic behaviour), so that each whitespace-free term
        // the analyser breaks into several words can become a phrase.
        parser.setSplitOnWhitespace(true);
        parser.setAutoGeneratePhraseQueries(true);
        // As Solr's parser: a leading wildcard reaches getWildcardQuery, which decides where it may run.
        parser.setAllowLeadingWildcard(true);
        try {
            return matchAllWhenOnlyNegative(parser.parse(text));
        } catch (ParseException e) {
            throw new InvalidQueryException("query", "Cannot parse '" + text + "': " + parseFailure(e));
        } catch (TooComplexToDeterminizeException e) {
            throw new InvalidQueryException("query", "a regular expression in the query is too complex");
        } catch (IllegalArgumentException e) {
            // Some malformed terms (an edit distance out of range, a bad regular expression) are
            // reported by the query classes themselves rather than by the parser.
            throw new InvalidQueryException("query", "Cannot parse '" + text + "': " + e.getMessage());
        }
    }

    /** How deep parentheses nest outside quoted phrases and escapes. */
    static int nestingDepth(String text) {
        int depth = 0;
        int deepest = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                deepest = Math.max(deepest, ++depth);
            } else if (!quoted && c == ')') {
                depth = Math.max(0, depth - 1);
            }
        }
        return deepest;
    }

    /**
     * An upper bound on the states of the automaton Lucene builds for a regular expression before
     * it determinises it: repetitions multiply, everything else adds. Lucene's own limit applies
     * only to determinising, so nested repetitions such as {@code c{1,1000}{1,1000}} would spend
     * minutes building the automaton first.
     */
    static long automatonSize(RegExp regexp) {
        return switch (regexp.kind) {
            case REGEXP_UNION, REGEXP_CONCATENATION, REGEXP_INTERSECTION ->
                    saturatedSum(automatonSize(regexp.exp1), automatonSize(regexp.exp2));
            case REGEXP_OPTIONAL, REGEXP_REPEAT, REGEXP_COMPLEMENT, REGEXP_DEPRECATED_COMPLEMENT ->
                    saturatedSum(automatonSize(regexp.exp1), 1);
            case REGEXP_REPEAT_MIN -> saturatedProduct(automatonSize(regexp.exp1), regexp.min + 1L);
            case REGEXP_REPEAT_MINMAX -> saturatedProduct(automatonSize(regexp.exp1), Math.max(1L, regexp.max));
            case REGEXP_STRING -> Math.max(1, regexp.s.length());
            case REGEXP_INTERVAL -> Math.max(1, regexp.digits) * 10L;
            default -> 1;
        };
    }

    /**
     * How many characters a match of {@code automaton} may start with; ranges that overlap count
     * twice, which only ever overstates it.
     */
    static long firstCharacters(Automaton automaton) {
        if (automaton.getNumStates() == 0) {
            return 0;
        }
        long characters = 0;
        Transition transition = new Transition();
        int count = automaton.initTransition(0, transition);
        for (int i = 0; i < count; i++) {
            automaton.getNextTransition(transition);
            characters += transition.max - transition.min + 1L;
        }
        return characters;
    }

    private static long saturatedSum(long a, long b) {
        return Math.min(Long.MAX_VALUE / 2, a + b);
    }

    private static long saturatedProduct(long a, long b) {
        return a > (Long.MAX_VALUE / 2) / Math.max(1, b) ? Long.MAX_VALUE / 2 : a * b;
    }

    /**
     * A constraint's values as alternatives, matched the way the field is indexed: terms exactly
     * (in their {@linkplain #indexedForm indexed form}), numbers and instants as points (point
     * queries only, as some of these fields have no doc values).
     */
    private org.apache.lucene.search.Query valueIn(String field, List<String> values) {
        IndexFields.Kind kind = IndexFields.kind(field);
        return switch (kind) {
            case TERM -> anyOf(field, values.stream().map(value -> indexedForm(field, value)).toList());
            case WHOLE_NUMBER, INSTANT -> LongPoint.newSetQuery(field, values.stream()
                    .mapToLong(value -> constraintValue(field, value, point -> longPoint(kind, point)))
                    .toArray());
            case DEGREES -> DoublePoint.newSetQuery(field,
                    values.stream().mapToDouble(value -> constraintValue(field, value, PlainNumbers::decimal)).toArray());
        };
    }

    /**
     * The long a whole number or an instant is indexed as.
     *
     * @throws IllegalArgumentException when {@code value} is not one
     */
    private long longPoint(IndexFields.Kind kind, String value) {
        return kind == IndexFields.Kind.INSTANT
                ? IndexFields.microseconds(dates.parse(value))
                : PlainNumbers.wholeNumber(value);
    }

    /** A term as the index holds it: checksums lower-case, since hex reads the same in either case. */
    private static String indexedForm(String field, String value) {
        return value != null && field.equals(IndexFields.CHECKSUM) ? value.toLowerCase(Locale.ROOT) : value;
    }

    private static <T> T constraintValue(String field, String value, Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(field, "Parameter " + field + " must hold "
                    + describe(IndexFields.kind(field)) + ", got '" + value + "'");
        }
    }

    private static String describe(IndexFields.Kind kind) {
        return switch (kind) {
            case TERM -> "terms";
            case WHOLE_NUMBER -> "whole numbers";
            case INSTANT -> "times (2019-03-08T12:00:00Z, 2019-03-08 or NOW-1YEAR)";
            case DEGREES -> "numbers of degrees";
        };
    }

    /**
     * The classic parser, with two changes. Fields indexed as points (sizes, counts, times,
     * degrees) are matched as numbers: {@code size:1024}, {@code number_of_files:[10 TO *]},
     * {@code _timestamp:[NOW-7DAYS TO NOW]}, {@code datetime_start:{* TO 1900-01-01}}; the plain
     * parser would look for terms there, which never exist, and match nothing. And regular
     * expressions whose automaton would be too large to build are refused.
     */
    private final class TypedFieldParser extends QueryParser {
        TypedFieldParser(String field, Analyzer analyzer) {
            super(field, analyzer);
        }

        @Override
        protected org.apache.lucene.search.Query getFieldQuery(String field, String queryText, boolean quoted)
                throws ParseException {
            IndexFields.Kind kind = IndexFields.kind(field);
            return kind == IndexFields.Kind.TERM
                    ? super.getFieldQuery(field, queryTerm(field, queryText), quoted)
                    : pointRange(field, kind, queryText, queryText, true, true);
        }

        /**
         * A term as the index holds it; a flag read as its parameter reads it, so
         * {@code latest:True} matches what {@code latest=True} does, as in ESGF's Solr.
         */
        private static String queryTerm(String field, String text) throws ParseException {
            if (PlainBooleans.FLAG_FIELDS.contains(field)) {
                boolean flag = PlainBooleans.read(text).orElseThrow(() -> new ParseException(
                        "field " + field + " holds " + PlainBooleans.ALLOWED + ", got '" + text + "'"));
                return Boolean.toString(flag);
            }
            return indexedForm(field, text);
        }

        @Override
        protected org.apache.lucene.search.Query getRangeQuery(String field, String part1, String part2,
                boolean startInclusive, boolean endInclusive) throws ParseException {
            IndexFields.Kind kind = IndexFields.kind(field);
            if (kind == IndexFields.Kind.TERM && isOpen(part1) && isOpen(part2)) {
                // Solr's usual "has the field", field:[* TO *].
                return exists(field);
            }
            return kind == IndexFields.Kind.TERM
                    ? super.getRangeQuery(field, indexedForm(field, part1), indexedForm(field, part2), startInclusive,
                            endInclusive)
                    : pointRange(field, kind, part1, part2, startInclusive, endInclusive);
        }

        /**
         * As Solr reads them: {@code *} and {@code *:*} match everything, {@code field:*} every
         * record that has the field, and a pattern may start with a wildcard on a facet, whose terms
         * are few. Elsewhere a leading wildcard would visit every term (millions at a million
         * records), so there it is refused with what to write instead.
         */
        @Override
        protected org.apache.lucene.search.Query getWildcardQuery(String field, String termStr) throws ParseException {
            if (termStr.equals("*")) {
                return field.equals("*") ? new MatchAllDocsQuery() : exists(field);
            }
            requireTerms(field);
            boolean leading = termStr.startsWith("*") || termStr.startsWith("?");
            if (leading && !hasFewTerms(field)) {
                throw new ParseException("a pattern starting with a wildcard (" + termStr + ") would visit every term of "
                        + (field.equals(IndexFields.TEXT) ? "the text" : field) + "; start it with the characters the"
                        + " terms start with, or constrain a facet such as variable_id=tas");
            }
            return super.getWildcardQuery(field, termStr);
        }

        /**
         * The records that have {@code field}, found without a walk over its terms: through doc
         * values, through the field the record always has with it, or through {@link IndexFields#PRESENT}.
         */
        private org.apache.lucene.search.Query exists(String field) throws ParseException {
            IndexFields.Kind kind = IndexFields.kind(field);
            if (kind != IndexFields.Kind.TERM) {
                return pointRange(field, kind, "*", "*", true, true);
            }
            return switch (field) {
                // Every record has these (the text and the bookkeeping fields included).
                case IndexFields.ID, IndexFields.TITLE, IndexFields.MASTER_ID, IndexFields.INSTANCE_ID, IndexFields.TEXT,
                        IndexFields.KEY, IndexFields.STAGE, IndexFields.RESTRICTED -> new MatchAllDocsQuery();
                // A checksum always comes with its type, which has doc values.
                case IndexFields.CHECKSUM -> new FieldExistsQuery(IndexFields.CHECKSUM_TYPE);
                case IndexFields.URL -> new TermQuery(new Term(IndexFields.PRESENT, IndexFields.URL));
                default -> field.startsWith("_") ? new MatchNoDocsQuery("no such field " + field)
                        : new FieldExistsQuery(field);
            };
        }

        @Override
        protected org.apache.lucene.search.Query getPrefixQuery(String field, String termStr) throws ParseException {
            requireTerms(field);
            return super.getPrefixQuery(field, termStr);
        }

        @Override
        protected org.apache.lucene.search.Query getFuzzyQuery(String field, String termStr, float minSimilarity)
                throws ParseException {
            requireTerms(field);
            return super.getFuzzyQuery(field, termStr, minSimilarity);
        }

        /**
         * A fuzzy query whose terms score by their likeness to the one typed (as wildcards score
         * alike), not by term statistics. Lucene's default blends the statistics of the matching
         * terms, taking the largest document frequency among them, read from the index before the
         * searcher is asked: a caller's scope could not apply to it, and the blend would tell them
         * how many hidden records hold a neighbouring word (see {@link ScopedStatistics}).
         */
        @Override
        protected org.apache.lucene.search.Query newFuzzyQuery(Term term, float minimumSimilarity, int prefixLength) {
            String text = term.text();
            int edits = FuzzyQuery.floatToEdits(minimumSimilarity, text.codePointCount(0, text.length()));
            return new FuzzyQuery(term, edits, prefixLength, FuzzyQuery.defaultMaxExpansions,
                    FuzzyQuery.defaultTranspositions,
                    new MultiTermQuery.TopTermsBoostOnlyBooleanQueryRewrite(FuzzyQuery.defaultMaxExpansions));
        }

        @Override
        protected org.apache.lucene.search.Query getRegexpQuery(String field, String termStr) throws ParseException {
            requireTerms(field);
            // The same syntax flags the parser compiles with (all of them).
            RegExp regexp = new RegExp(termStr, RegExp.ALL);
            if (automatonSize(regexp) > MAX_REGEXP_STATES) {
                throw new ParseException("the regular expression /" + termStr + "/ is too complex");
            }
            if (!hasFewTerms(field) && firstCharacters(regexp.toAutomaton()) > MAX_REGEXP_FIRST_CHARACTERS) {
                throw new ParseException("the regular expression /" + termStr + "/ may start with any character, so,"
                        + " like a leading wildcard, it would visit every term of the field; start it with the"
                        + " characters the terms start with, as in /CMIP6.*tas/");
            }
            return super.getRegexpQuery(field, termStr);
        }

        /**
         * Whether a pattern may start with a wildcard on {@code field}: the federation's facets and
         * the core fields with a handful of values, whose terms are few to visit. Any other field
         * may hold a term per record (ids, titles, tracking ids, URLs) or per word (the text).
         */
        private static boolean hasFewTerms(String field) {
            return FacetProfile.FEDERATION_FACETS.contains(field) || FEW_TERM_CORE_FIELDS.contains(field);
        }

        private static void requireTerms(String field) throws ParseException {
            IndexFields.Kind kind = IndexFields.kind(field);
            if (kind != IndexFields.Kind.TERM) {
                throw new ParseException("field " + field + " holds " + describe(kind) + ": match it with " + field
                        + ":value or " + field + ":[low TO high], not a pattern");
            }
        }

        /** Points from {@code low} to {@code high}; a null or {@code *} bound is open. */
        private org.apache.lucene.search.Query pointRange(String field, IndexFields.Kind kind, String low, String high,
                boolean lowInclusive, boolean highInclusive) throws ParseException {
            String bound = low;
            try {
                return switch (kind) {
                    case WHOLE_NUMBER, INSTANT -> {
                        long lower = isOpen(low) ? Long.MIN_VALUE : longPoint(kind, low);
                        bound = high;
                        long upper = isOpen(high) ? Long.MAX_VALUE : longPoint(kind, high);
                        if (!lowInclusive && !isOpen(low)) {
                            if (lower == Long.MAX_VALUE) {
                                // Nothing lies above the largest value (instants beyond the range saturate to it).
                                yield new MatchNoDocsQuery("no value exceeds " + low);
                            }
                            lower++;
                        }
                        if (!highInclusive && !isOpen(high)) {
                            if (upper == Long.MIN_VALUE) {
                                yield new MatchNoDocsQuery("no value lies below " + high);
                            }
                            upper--;
                        }
                        yield LongPoint.newRangeQuery(field, lower, upper);
                    }
                    case DEGREES -> {
                        double lower = isOpen(low) ? Double.NEGATIVE_INFINITY : PlainNumbers.decimal(low);
                        bound = high;
                        double upper = isOpen(high) ? Double.POSITIVE_INFINITY : PlainNumbers.decimal(high);
                        yield DoublePoint.newRangeQuery(field,
                                lowInclusive || isOpen(low) ? lower : Math.nextUp(lower),
                                highInclusive || isOpen(high) ? upper : Math.nextDown(upper));
                    }
                    case TERM -> throw new IllegalStateException("terms are not points");
                };
            } catch (IllegalArgumentException e) {
                throw new ParseException("field " + field + " holds " + describe(kind) + ", got '" + bound + "'");
            }
        }

        private static boolean isOpen(String bound) {
            return bound == null || bound.equals("*");
        }
    }

    private static org.apache.lucene.search.Query matchAllWhenOnlyNegative(org.apache.lucene.search.Query parsed) {
        if (parsed instanceof BooleanQuery booleanQuery && !booleanQuery.clauses().isEmpty()
                && booleanQuery.clauses().stream().allMatch(clause -> clause.occur() == Occur.MUST_NOT)) {
            BooleanQuery.Builder builder = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.MUST);
            for (BooleanClause clause : booleanQuery.clauses()) {
                builder.add(clause);
            }
            return builder.build();
        }
        return parsed;
    }

    /**
     * Why the parser refused a query, in the terms of someone who typed it. The parser's own
     * message names its grammar's tokens and lexical states and lists every token it expected.
     */
    private static String parseFailure(ParseException e) {
        // The parser wraps whatever failed (its grammar, its tokenizer, or a field rule of ours).
        Throwable cause = e.getCause();
        if (cause instanceof ParseException grammar && grammar.currentToken != null && grammar.currentToken.next != null) {
            Token unexpected = grammar.currentToken.next;
            return unexpected.kind == QueryParserConstants.EOF
                    ? "it ends too early; a bracket or range is not closed, or an operator has nothing after it"
                    // The parser counts columns from 0.
                    : "unexpected '" + unexpected.image + "' at character " + (unexpected.beginColumn + 1);
        }
        if (cause instanceof TokenMgrError lexical && lexical.getMessage().contains("Encountered: <EOF>")) {
            // The tokenizer fails only inside a token the text never finishes.
            return "it ends inside a quote or regular expression that is not closed, or after a lone backslash";
        }
        // A field rule of ours (a number field given a word, say) already speaks plainly.
        String reason = firstLine(cause == null || cause.getMessage() == null ? e.getMessage() : cause.getMessage());
        return reason.replaceAll(" \\(in lexical state \\d+\\)", "");
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }

    private static Optional<org.apache.lucene.search.Query> access(AccessScope access) {
        if (access.everything()) {
            return Optional.empty();
        }
        org.apache.lucene.search.Query open = term(IndexFields.RESTRICTED, "false");
        if (access.groups().isEmpty()) {
            return Optional.of(open);
        }
        return Optional.of(new BooleanQuery.Builder()
                .add(open, Occur.SHOULD)
                .add(anyOf(IndexFields.ACCESS_GROUP, List.copyOf(access.groups())), Occur.SHOULD)
                .build());
    }

    private static org.apache.lucene.search.Query flag(String field, boolean value) {
        return term(field, Boolean.toString(value));
    }

    private static org.apache.lucene.search.Query anyOf(String field, List<String> values) {
        if (values.size() == 1) {
            return term(field, values.get(0));
        }
        return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }

    private static org.apache.lucene.search.Query term(String field, String value) {
        return new TermQuery(new Term(field, value));
    }

    private static org.apache.lucene.search.Query within(String field, TimeRange range) {
        return LongField.newRangeQuery(field,
                range.from().map(IndexFields::microseconds).orElse(Long.MIN_VALUE),
                range.to().map(IndexFields::microseconds).orElse(Long.MAX_VALUE));
    }

    /** ESGF's bbox semantics: the record's box reaches into the query box on every side. */
    private static List<org.apache.lucene.search.Query> overlapping(GeoBox box) {
        return List.of(
                DoubleField.newRangeQuery(IndexFields.EAST, box.west(), Double.POSITIVE_INFINITY),
                DoubleField.newRangeQuery(IndexFields.NORTH, box.south(), Double.POSITIVE_INFINITY),
                DoubleField.newRangeQuery(IndexFields.WEST, Double.NEGATIVE_INFINITY, box.east()),
                DoubleField.newRangeQuery(IndexFields.SOUTH, Double.NEGATIVE_INFINITY, box.north()));
    }
}
