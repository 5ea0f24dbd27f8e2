package org.meridian.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class PageEndsTest {
    private final PageEnds ends = new PageEnds();

    @Test
    void startsFromTheNearestRememberedEndAtOrBeforeTheOffset() {
        ends.remember(2_000, hit(1, "b"));
        ends.remember(4_000, hit(2, "d"));

        assertThat(ends.atOrBefore(1_999)).isEqualTo(PageEnds.End.START);
        assertThat(ends.atOrBefore(2_000).offset()).isEqualTo(2_000);
        assertThat(ends.atOrBefore(3_999).lastHit().doc).isEqualTo(1);
        assertThat(ends.atOrBefore(10_000).offset()).isEqualTo(4_000);
    }

    @Test
    void keepsNoEndOfAShallowPage() {
        ends.remember(PageEnds.MIN_OFFSET - 1, hit(1, "a"));

        assertThat(ends.atOrBefore(PageEnds.MIN_OFFSET)).isEqualTo(PageEnds.End.START);
    }

    @Test
    void keepsACopyOfTheSortValues() {
        BytesRef id = new BytesRef("CMIP6.a");
        ends.remember(5_000, new FieldDoc(7, 1f, new Object[] {id}));
        id.bytes[0] = 'X';

        assertThat(((BytesRef) ends.atOrBefore(5_000).lastHit().fields[0]).utf8ToString()).isEqualTo("CMIP6.a");
    }

    @Test
    void dropsTheLowestEndsBeyondItsCapacity() {
        for (int i = 1; i <= PageEnds.CAPACITY + 1; i++) {
            ends.remember(PageEnds.MIN_OFFSET * i, hit(i, "id" + i));
        }

        assertThat(ends.atOrBefore(PageEnds.MIN_OFFSET)).isEqualTo(PageEnds.End.START);
        assertThat(ends.atOrBefore(PageEnds.MIN_OFFSET * 2).lastHit().doc).isEqualTo(2);
    }

    private static FieldDoc hit(int doc, String id) {
        return new FieldDoc(doc, Float.NaN, new Object[] {new BytesRef(id)});
    }
}
