package org.meridian.server.system;

import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 that refuses what is not UTF-8. The JDK's default decoding replaces such bytes with U+FFFD
 * and carries on, which would store corrupted text or report the wrong parameter.
 */
public final class StrictUtf8 {
    private StrictUtf8() {
    }

    /** A new decoder (decoders are not thread-safe) that throws on malformed or unmappable input. */
    public static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
