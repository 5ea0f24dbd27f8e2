package org.meridian.index.lucene;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
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
 *
 * <p>Each separator becomes exactly one space, so token offsets need no correction and a plain
 * reader does the mapping; Lucene's general {@code MappingCharFilter} cost about a third as much
 * as the tokenizer itself when indexing.
 */
final class TextAnalyzer extends Analyzer {
    /** Gap between two values of the field, so a phrase never matches across values. */
    private static final int POSITION_GAP_BETWEEN_VALUES = 100;

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer tokenizer = new StandardTokenizer();
        return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new SeparatorsAsSpaces(reader);
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

    /** Whether the text field reads {@code c} as a space between words: {@code .}, {@code _} and {@code |}. */
    static boolean isSeparator(char c) {
        return c == '.' || c == '_' || c == '|';
    }

    /** Reads {@code .}, {@code _} and {@code |} as spaces, character for character. */
    private static final class SeparatorsAsSpaces extends FilterReader {
        SeparatorsAsSpaces(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            return c >= 0 && isSeparator((char) c) ? ' ' : c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            for (int i = offset; i < offset + read; i++) {
                if (isSeparator(buffer[i])) {
                    buffer[i] = ' ';
                }
            }
            return read;
        }
    }
}
