package org.meridian.index.lucene;

import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Analyses the catch-all {@code text} field: what {@code StandardAnalyzer} does (Unicode word
 * breaking, lower case, no stop words), after turning the separators of ESGF identifiers
 * ({@code .}, {@code _}, {@code |}) into spaces.
 *
 * <p>Why the separators: Unicode word breaking keeps {@code CMIP.NCAR} together but splits
 * {@code CMIP6.CMIP} and {@code CESM2.historical}, so whether a part of a dataset id or file name
 * could be found would depend on its neighbours. With them mapped, every part of
 * {@code CMIP6.CMIP.NCAR.CESM2.historical} is a word, and the same id typed as a query becomes
 * the same words (a phrase, see {@link QueryTranslator}).
 */
final class TextAnalyzer extends Analyzer {
    /** Gap between two values of the field, so a phrase never matches across values. */
    private static final int POSITION_GAP_BETWEEN_VALUES = 100;

    private final NormalizeCharMap separators;

    TextAnalyzer() {
        NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
        builder.add(".", " ");
        builder.add("_", " ");
        builder.add("|", " ");
        this.separators = builder.build();
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer tokenizer = new StandardTokenizer();
        return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new MappingCharFilter(separators, reader);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        // Wildcard and fuzzy terms are not tokenised, only lower-cased like the indexed words.
        return new LowerCaseFilter(in);
    }

    @Override
    public int getPositionIncrementGap(String fieldName) {
        return POSITION_GAP_BETWEEN_VALUES;
    }
}
