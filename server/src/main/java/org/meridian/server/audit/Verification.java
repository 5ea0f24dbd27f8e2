package org.meridian.server.audit;

import java.util.OptionalLong;

/**
 * The outcome of checking the whole chain.
 *
 * @param checked      events read
 * @param firstBad     the first sequence at which the chain breaks, if it does
 * @param problem      what is wrong there, in words
 */
public record Verification(long checked, ChainHead head, OptionalLong firstBad, String problem) {
    public static Verification intact(long checked, ChainHead head) {
        return new Verification(checked, head, OptionalLong.empty(), "");
    }

    public static Verification broken(long checked, ChainHead head, long sequence, String problem) {
        return new Verification(checked, head, OptionalLong.of(sequence), problem);
    }

    public boolean isIntact() {
        return firstBad.isEmpty();
    }
}
