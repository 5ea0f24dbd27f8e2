package org.meridian.server.audit;

import static java.util.Objects.requireNonNull;

/**
 * Walks events in sequence order and reports the first place the chain breaks. Usable on the
 * database and on an export alike.
 */
final class ChainVerifier {
    private final AuditEncoding encoding;
    private long checked;
    private long expectedSequence = 1;
    private String previousHash = AuditEncoding.GENESIS_HASH;
    private Verification broken;

    ChainVerifier(AuditEncoding encoding) {
        this.encoding = requireNonNull(encoding, "encoding is null");
    }

    void accept(AuditEvent event) {
        if (broken != null || !inSequence(event.sequence())) {
            return;
        }
        long sequence = event.sequence();
        if (!event.previousHash().equals(previousHash)) {
            fail(sequence, "its previous hash does not match the hash of event " + (sequence - 1)
                    + " (an event was inserted, removed or reordered)");
            return;
        }
        String recomputed = encoding.hash(previousHash, sequence, event.time(), event.entry());
        if (!recomputed.equals(event.hash())) {
            fail(sequence, "its content does not match its hash (the event was changed)");
            return;
        }
        previousHash = event.hash();
        expectedSequence++;
    }

    /** An event whose stored fields are not ones the node writes, so it cannot be hashed again. */
    void unreadable(long sequence) {
        if (broken != null || !inSequence(sequence)) {
            return;
        }
        fail(sequence, "its stored fields cannot be read as an event (the event was changed)");
    }

    /** Counts the event and checks it comes next; otherwise the chain is broken here. */
    private boolean inSequence(long sequence) {
        checked++;
        if (sequence != expectedSequence) {
            fail(expectedSequence, sequence > expectedSequence
                    ? "missing (the next stored event is " + sequence + ")"
                    : "out of order");
            return false;
        }
        return true;
    }

    Verification finish(ChainHead head) {
        if (broken != null) {
            return broken;
        }
        long last = expectedSequence - 1;
        if (head.sequence() != last) {
            return Verification.broken(checked, head, Math.min(head.sequence(), last) + 1,
                    "the chain head says " + head.sequence() + " events but " + last + " were found");
        }
        if (!head.hash().equals(previousHash)) {
            return Verification.broken(checked, head, last,
                    "the chain head's hash does not match the last event's hash");
        }
        return Verification.intact(checked, head);
    }

    private void fail(long sequence, String problem) {
        broken = Verification.broken(checked, new ChainHead(expectedSequence - 1, previousHash), sequence, problem);
    }
}
