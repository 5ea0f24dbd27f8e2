package org.meridian.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParameterDecodingTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "query=%FF;                          query",
        "limit=5&query=tas%;                 query",
        "limit=5&&project=CMIP6%C0%AE;       project",
        "=value;                             ''",
        "limit=5&=;                          ''",
        "fo%zzo=bar;                         fo%zzo",
        "caf%C3%A9=%FF;                      café",
        "flag&query=%E2%82;                  query",
    })
    void namesTheFirstParameterThatDoesNotDecode(String queryString, String parameter) {
        assertThat(ParameterDecoding.firstMalformedParameter(queryString)).contains(parameter);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', nullValues = "null", value = {
        "query=tas+AND+pr&project=CMIP6",
        "query=caf%C3%A9&limit=5&flag",
        "null",
    })
    void findsNoneWhenTheQueryStringDecodes(String queryString) {
        assertThat(ParameterDecoding.firstMalformedParameter(queryString)).isEmpty();
    }
}
