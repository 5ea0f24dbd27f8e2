package org.meridian.server.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.meridian.catalog.RecordJson;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical encoding of audit events and the hash that chains them.
 *
 * <p>An event's hash is {@code SHA-256(previous_hash + "\n" + canonical_json)}, where the
 * canonical JSON has a fixed key order and sorted details. The encoding is deliberately plain
 * JSON so an auditor can recompute the chain from an export with any language's SHA-256.
 */
public final class AuditEncoding {
    /** The previous hash of the first event. */
    public static final String GENESIS_HASH = "0".repeat(64);

    private final JsonMapper mapper = JsonMapper.builder().build();

    /** The canonical form of everything an event's hash covers. */
    public String canonical(long sequence, Instant time, AuditEntry entry) {
        return mapper.writeValueAsString(hashedFields(sequence, time, entry));
    }

    /** The hashed fields in their fixed order; the order is part of the encoding. */
    private static Map<String, Object> hashedFields(long sequence, Instant time, AuditEntry entry) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sequence", sequence);
        fields.put("time", time.toString());
        fields.put("actor_kind", entry.actor().kind().name());
        fields.put("actor", entry.actor().name());
        fields.put("action", entry.action());
        fields.put("target", entry.target());
        fields.put("outcome", entry.outcome().name());
        fields.put("request_id", entry.requestId());
        fields.put("details", entry.details());
        return fields;
    }

    public String hash(String previousHash, long sequence, Instant time, AuditEntry entry) {
        return RecordJson.sha256Hex(previousHash + "\n" + canonical(sequence, time, entry));
    }

    /** The event as one line of an export: the canonical fields plus both hashes. */
    public String exportLine(AuditEvent event) {
        Map<String, Object> fields = hashedFields(event.sequence(), event.time(), event.entry());
        fields.put("previous_hash", event.previousHash());
        fields.put("hash", event.hash());
        return mapper.writeValueAsString(fields);
    }

    /** The closing line of an export, to anchor externally (e.g. publish or sign it). */
    public String chainHeadLine(ChainHead head) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sequence", head.sequence());
        fields.put("hash", head.hash());
        return mapper.writeValueAsString(Map.of("chain_head", fields));
    }
}
