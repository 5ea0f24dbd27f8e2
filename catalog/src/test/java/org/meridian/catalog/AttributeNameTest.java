package org.meridian.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class AttributeNameTest {
    @Property
    void acceptsExactlyWhatTheDocumentedPatternAccepts(@ForAll("nameLike") String name) {
        assertThat(CatalogRecord.isAttributeName(name)).isEqualTo(name.matches("[A-Za-z][A-Za-z0-9_]*"));
    }

    @Provide
    Arbitrary<String> nameLike() {
        // Mostly characters near the boundaries of the allowed classes, plus some beyond ASCII.
        return Arbitraries.strings().withChars("azAZ09_-.@[`{/:é ").withCharRange('\u0100', '\u0110').ofMaxLength(6);
    }
}
