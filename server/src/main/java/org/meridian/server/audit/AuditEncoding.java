package org.meridian.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
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
        return mapper.writeValueAsString(fields);
    }

    public String hash(String previousHash, long sequence, Instant time, AuditEntry entry) {
        return sha256Hex(previousHash + "\n" + canonical(sequence, time, entry));
    }

    /** The event as one line of an export: the canonical fields plus both hashes. */
    public String exportLine(AuditEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sequence", event.sequence());
        fields.put("time", event.time().toString());
        fields.put("actor_kind", event.entry().actor().kind().name());
        fields.put("actor", event.entry().actor().name());
        fields.put("action", event.entry().action());
        fields.put("target", event.entry().target());
        fields.put("outcome", event.entry().outcome().name());
        fields.put("request_id", event.entry().requestId());
        fields.put("details", event.entry().details());
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

    static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
