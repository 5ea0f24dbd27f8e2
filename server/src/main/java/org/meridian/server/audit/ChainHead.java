package org.meridian.server.audit;

/** The last event's sequence and hash: what an external anchor records. */
public record ChainHead(long sequence, String hash) {
}
