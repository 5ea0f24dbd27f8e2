package org.meridian.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

class TextAnalyzerTest {
    private final TextAnalyzer analyzer = new TextAnalyzer();

    @Test
    void everyPartOfADatasetIdIsAWord() throws IOException {
        assertThat(words("CMIP6.CMIP.NCAR.CESM2.historical.r1i1p1f1.Amon.tas.gn.v20190308|esgf-data.example.org"))
                .containsExactly("cmip6", "cmip", "ncar", "cesm2", "historical", "r1i1p1f1", "amon", "tas", "gn",
                        "v20190308", "esgf", "data", "example", "org");
    }

    @Test
    void everyPartOfAFileNameIsAWord() throws IOException {
        assertThat(words("tas_Amon_CESM2_historical_r1i1p1f1_gn_185001-201412.nc"))
                .containsExactly("tas", "amon", "cesm2", "historical", "r1i1p1f1", "gn", "185001", "201412", "nc");
    }

    @Test
    void proseIsSplitIntoLowerCaseWordsWithoutDroppingAny() throws IOException {
        assertThat(words("Near-Surface Air Temperature of the Model"))
                .containsExactly("near", "surface", "air", "temperature", "of", "the", "model");
    }

    @Test
    void wildcardTermsAreOnlyLowerCased() {
        assertThat(analyzer.normalize(IndexFields.TEXT, "CESM2.hist*").utf8ToString()).isEqualTo("cesm2.hist*");
    }

    private List<String> words(String text) throws IOException {
        List<String> words = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(IndexFields.TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                words.add(term.toString());
            }
            stream.end();
        }
        return words;
    }
}
