package org.meridian.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void middlePageLinksBothWays() {
        Paging paging = Paging.of(20, 20, 20, 134, offset -> "?offset=" + offset);

        assertThat(paging.summary()).isEqualTo("21–40 of 134");
        assertThat(paging.position()).isEqualTo("Page 2 of 7");
        assertThat(paging.firstHref()).contains("?offset=0");
        assertThat(paging.previousHref()).contains("?offset=0");
        assertThat(paging.nextHref()).contains("?offset=40");
        assertThat(paging.lastHref()).contains("?offset=120");
    }

    @Test
    void firstPageLinksOnlyForward() {
        Paging paging = Paging.of(0, 20, 20, 134, offset -> "?offset=" + offset);

        assertThat(paging.position()).isEqualTo("Page 1 of 7");
        assertThat(paging.firstHref()).isEmpty();
        assertThat(paging.previousHref()).isEmpty();
        assertThat(paging.lastHref()).contains("?offset=120");
    }

    @Test
    void groupsTheDigitsOfLargeNumbers() {
        Paging paging = Paging.of(19_580, 20, 20, 19_606, offset -> "?offset=" + offset);

        assertThat(paging.summary()).isEqualTo("19,581–19,600 of 19,606");
        assertThat(paging.position()).isEqualTo("Page 980 of 981");
        assertThat(paging.totalText()).isEqualTo("19,606");
    }

    @Test
    void lastPageHasNoNextLink() {
        Paging paging = Paging.of(120, 20, 14, 134, offset -> "?offset=" + offset);

        assertThat(paging.summary()).isEqualTo("121–134 of 134");
        assertThat(paging.position()).isEqualTo("Page 7 of 7");
        assertThat(paging.nextHref()).isEmpty();
        assertThat(paging.lastHref()).isEmpty();
        assertThat(paging.firstHref()).contains("?offset=0");
    }

    @Test
    void anOffsetBetweenTwoPagesCountsThePageBeforeIt() {
        Paging inBetween = Paging.of(5, 20, 20, 134, offset -> "?offset=" + offset);
        Paging lastOfThem = Paging.of(125, 20, 9, 134, offset -> "?offset=" + offset);

        assertThat(inBetween.position()).isEqualTo("Page 2 of 8");
        assertThat(inBetween.previousHref()).contains("?offset=0");
        assertThat(inBetween.lastHref()).contains("?offset=125");
        assertThat(lastOfThem.position()).isEqualTo("Page 8 of 8");
        assertThat(lastOfThem.nextHref()).isEmpty();
    }

    @Test
    void singlePageNeedsNoLinks() {
        Paging paging = Paging.of(0, 20, 3, 3, offset -> "?offset=" + offset);

        assertThat(paging.hasMorePages()).isFalse();
    }

    @Test
    void pageBeyondTheEndLinksBackToTheLastPage() {
        Paging paging = Paging.of(500, 20, 0, 134, offset -> "?offset=" + offset);

        assertThat(paging.isEmpty()).isTrue();
        assertThat(paging.pastEnd()).isTrue();
        assertThat(paging.pages()).isEqualTo(7);
        assertThat(paging.lastHref()).contains("?offset=120");
        assertThat(paging.previousHref()).isEqualTo(Optional.empty());
        assertThat(paging.nextHref()).isEqualTo(Optional.empty());
        assertThat(paging.hasMorePages()).isTrue();
    }

    @Test
    void countsOnlyPageHasNoLinks() {
        Paging paging = Paging.of(0, 0, 0, 134, offset -> "?offset=" + offset);

        assertThat(paging.hasMorePages()).isFalse();
        assertThat(paging.pastEnd()).isFalse();
        assertThat(paging.summary()).isEqualTo("0 of 134");
    }
}
