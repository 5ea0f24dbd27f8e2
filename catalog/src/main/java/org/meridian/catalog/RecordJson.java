package org.meridian.catalog;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes records as ESGF index documents (JSON objects with ESGF field names), the
 * format of ingest files, of the database's stored form and of the change feed.
 *
 * <p>Reading is lenient where ESGF dumps vary (a single-valued field may come as a one-element
 * array; attribute values may be scalars) and strict where data would be lost or misread (an
 * unknown type, a bad checksum, a value of the wrong kind). Writing is canonical: keys sorted,
 * attributes as arrays, so equal records encode to equal bytes and {@link #contentHash} is stable.
 */
public final class RecordJson {
    /** Solr bookkeeping fields found in ESGF dumps; they are not part of a record. */
    private static final Set<String> IGNORED_FIELDS = Set.of("_version_", "score", "_timestamp", "text");
    private static final String DEFAULT_ORIGIN = "local";

    /** What every record carries; the rest is optional or has a default. */
    public static final List<String> REQUIRED_FIELDS = List.of("id", "type", "master_id", "instance_id", "version",
            "data_node", "index_node", "title", "timestamp");

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    /** Parses one JSON document. */
    public CatalogRecord read(String json) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (JacksonException e) {
            throw new RecordFormatException("", "not valid JSON: " + shortJsonMessage(e.getOriginalMessage()));
        }
        return read(node);
    }

    public CatalogRecord read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new RecordFormatException("", "a record must be a JSON object");
        }
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            if (CatalogRecord.CORE_FIELDS.contains(name) || IGNORED_FIELDS.contains(name)) {
                continue;
            }
            attributes.put(name, values(name, field.getValue()));
        }
        requirePresent(node);
        RecordType type = parse("type", () -> RecordType.fromLabel(requiredText(node, "type")));
        Optional<Checksum> checksum = optionalText(node, "checksum").map(hex -> parse("checksum",
                () -> new Checksum(Checksum.Algorithm.parse(optionalText(node, "checksum_type").orElse("SHA256")), hex)));
        List<AccessUrl> urls = new ArrayList<>();
        for (String url : values("url", node.get("url"))) {
            urls.add(parse("url", () -> AccessUrl.parse(url)));
        }
        Optional<GeoBox> geoBox = node.has("north_degrees") ? Optional.of(geoBox(node)) : Optional.empty();
        long size = optionalLong(node, "size").orElse(0L);
        if (size < 0) {
            throw new RecordFormatException("size", "must not be negative, got " + size);
        }
        return parse("", () -> new CatalogRecord(
                parse("id", () -> RecordId.of(requiredText(node, "id"))),
                type,
                requiredText(node, "master_id"),
                requiredText(node, "instance_id"),
                requiredText(node, "version"),
                flag(node, "latest", true),
                flag(node, "replica", false),
                flag(node, "retracted", false),
                requiredText(node, "data_node"),
                requiredText(node, "index_node"),
                requiredText(node, "title"),
                optionalText(node, "dataset_id").map(id -> parse("dataset_id", () -> RecordId.of(id))),
                size,
                parse("number_of_files", () -> optionalLong(node, "number_of_files").map(Math::toIntExact)),
                parse("number_of_aggregations", () -> optionalLong(node, "number_of_aggregations").map(Math::toIntExact)),
                checksum,
                urls,
                optionalInstant(node, "timestamp").orElseThrow(() -> missing("timestamp")),
                optionalInstant(node, "datetime_start"),
                optionalInstant(node, "datetime_stop"),
                geoBox,
                attributes,
                optionalText(node, "visibility").map(RecordJson::visibility).orElse(Visibility.LOCAL),
                optionalText(node, "access_group"),
                optionalText(node, "origin").orElse(DEFAULT_ORIGIN)));
    }

    /** The canonical document: keys sorted, attributes as arrays. */
    public ObjectNode toNode(CatalogRecord record) {
        TreeMap<String, JsonNode> fields = new TreeMap<>();
        fields.put("id", nodes.stringNode(record.id().value()));
        fields.put("type", nodes.stringNode(record.type().label()));
        fields.put("master_id", nodes.stringNode(record.masterId()));
        fields.put("instance_id", nodes.stringNode(record.instanceId()));
        fields.put("version", nodes.stringNode(record.version()));
        fields.put("latest", nodes.booleanNode(record.latest()));
        fields.put("replica", nodes.booleanNode(record.replica()));
        fields.put("retracted", nodes.booleanNode(record.retracted()));
        fields.put("data_node", nodes.stringNode(record.dataNode()));
        fields.put("index_node", nodes.stringNode(record.indexNode()));
        fields.put("title", nodes.stringNode(record.title()));
        record.datasetId().ifPresent(id -> fields.put("dataset_id", nodes.stringNode(id.value())));
        fields.put("size", nodes.numberNode(record.size()));
        record.numberOfFiles().ifPresent(n -> fields.put("number_of_files", nodes.numberNode(n)));
        record.numberOfAggregations().ifPresent(n -> fields.put("number_of_aggregations", nodes.numberNode(n)));
        record.checksum().ifPresent(checksum -> {
            fields.put("checksum", array(List.of(checksum.hex())));
            fields.put("checksum_type", array(List.of(checksum.algorithm().name())));
        });
        if (!record.urls().isEmpty()) {
            fields.put("url", array(record.urls().stream().map(AccessUrl::encoded).toList()));
        }
        fields.put("timestamp", nodes.stringNode(record.timestamp().toString()));
        record.datetimeStart().ifPresent(t -> fields.put("datetime_start", nodes.stringNode(t.toString())));
        record.datetimeStop().ifPresent(t -> fields.put("datetime_stop", nodes.stringNode(t.toString())));
        record.geoBox().ifPresent(box -> {
            fields.put("west_degrees", nodes.numberNode(box.west()));
            fields.put("south_degrees", nodes.numberNode(box.south()));
            fields.put("east_degrees", nodes.numberNode(box.east()));
            fields.put("north_degrees", nodes.numberNode(box.north()));
        });
        record.attributes().forEach((name, values) -> fields.put(name, array(values)));
        fields.put("visibility", nodes.stringNode(record.visibility().name()));
        record.accessGroup().ifPresent(group -> fields.put("access_group", nodes.stringNode(group)));
        fields.put("origin", nodes.stringNode(record.origin()));
        ObjectNode node = nodes.objectNode();
        fields.forEach(node::set);
        return node;
    }

    /**
     * The canonical document as compact JSON text: the same text as {@link #toNode} serialised,
     * written straight to a generator because ingest writes every record this way and building
     * the tree first cost about as much as the rest of the encoding.
     */
    public String write(CatalogRecord record) {
        StringWriter text = new StringWriter(2048);
        try (JsonGenerator generator = mapper.createGenerator(text)) {
            new CanonicalText(record, generator).write();
        }
        return text.toString();
    }

    /** SHA-256 of the canonical encoding, lower-case hex: equal records, equal hashes. */
    public String contentHash(CatalogRecord record) {
        return sha256Hex(write(record));
    }

    /** SHA-256 of text as lower-case hex. */
    public static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    /**
     * Writes one record's fields with every key in sorted order, as {@link #toNode} does: the core
     * fields in the fixed order below, each preceded by the attributes (already sorted, and never
     * named like a core field) whose names sort before it.
     */
    private static final class CanonicalText {
        private final CatalogRecord record;
        private final JsonGenerator out;
        private final Iterator<Map.Entry<String, List<String>>> attributes;
        private Map.Entry<String, List<String>> nextAttribute;

        private CanonicalText(CatalogRecord record, JsonGenerator out) {
            this.record = record;
            this.out = out;
            this.attributes = record.attributes().entrySet().iterator();
            this.nextAttribute = attributes.hasNext() ? attributes.next() : null;
        }

        private void write() {
            out.writeStartObject();
            if (record.accessGroup().isPresent()) {
                name("access_group").writeString(record.accessGroup().get());
            }
            if (record.checksum().isPresent()) {
                name("checksum").writeStartArray().writeString(record.checksum().get().hex()).writeEndArray();
                name("checksum_type").writeStartArray().writeString(record.checksum().get().algorithm().name())
                        .writeEndArray();
            }
            name("data_node").writeString(record.dataNode());
            if (record.datasetId().isPresent()) {
                name("dataset_id").writeString(record.datasetId().get().value());
            }
            if (record.datetimeStart().isPresent()) {
                name("datetime_start").writeString(record.datetimeStart().get().toString());
            }
            if (record.datetimeStop().isPresent()) {
                name("datetime_stop").writeString(record.datetimeStop().get().toString());
            }
            Optional<GeoBox> box = record.geoBox();
            if (box.isPresent()) {
                name("east_degrees").writeNumber(box.get().east());
            }
            name("id").writeString(record.id().value());
            name("index_node").writeString(record.indexNode());
            name("instance_id").writeString(record.instanceId());
            name("latest").writeBoolean(record.latest());
            name("master_id").writeString(record.masterId());
            if (box.isPresent()) {
                name("north_degrees").writeNumber(box.get().north());
            }
            if (record.numberOfAggregations().isPresent()) {
                name("number_of_aggregations").writeNumber(record.numberOfAggregations().get().intValue());
            }
            if (record.numberOfFiles().isPresent()) {
                name("number_of_files").writeNumber(record.numberOfFiles().get().intValue());
            }
            name("origin").writeString(record.origin());
            name("replica").writeBoolean(record.replica());
            name("retracted").writeBoolean(record.retracted());
            name("size").writeNumber(record.size());
            if (box.isPresent()) {
                name("south_degrees").writeNumber(box.get().south());
            }
            name("timestamp").writeString(record.timestamp().toString());
            name("title").writeString(record.title());
            name("type").writeString(record.type().label());
            if (!record.urls().isEmpty()) {
                name("url").writeStartArray();
                for (AccessUrl url : record.urls()) {
                    out.writeString(url.encoded());
                }
                out.writeEndArray();
            }
            name("version").writeString(record.version());
            name("visibility").writeString(record.visibility().name());
            if (box.isPresent()) {
                name("west_degrees").writeNumber(box.get().west());
            }
            attributesBefore(null);
            out.writeEndObject();
        }

        /** Writes the attributes sorting before {@code field}, then the field's name. */
        private JsonGenerator name(String field) {
            attributesBefore(field);
            return out.writeName(field);
        }

        /** Writes the pending attributes that sort before {@code field}; all of them when it is null. */
        private void attributesBefore(String field) {
            while (nextAttribute != null && (field == null || nextAttribute.getKey().compareTo(field) < 0)) {
                out.writeName(nextAttribute.getKey()).writeStartArray();
                for (String value : nextAttribute.getValue()) {
                    out.writeString(value);
                }
                out.writeEndArray();
                nextAttribute = attributes.hasNext() ? attributes.next() : null;
            }
        }
    }

    /**
     * Jackson's messages carry source locations and hints meant for developers; a publisher
     * needs the first clause ("Unexpected end-of-input", "Unexpected character ('x')").
     */
    private static String shortJsonMessage(String message) {
        String first = message.lines().findFirst().orElse(message);
        int detail = first.indexOf(": expected");
        int location = first.indexOf(" (start marker");
        int cut = detail >= 0 ? detail : location >= 0 ? location : first.length();
        return first.substring(0, cut).replace("end-of-input", "end of input").toLowerCase(Locale.ROOT);
    }

    private ArrayNode array(List<String> values) {
        ArrayNode array = nodes.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static Visibility visibility(String value) {
        try {
            return Visibility.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RecordFormatException("visibility", "must be LOCAL or FEDERATED, got '" + value + "'");
        }
    }

    /** The record's box, its errors blamed on the coordinate that breaks the rule. */
    private static GeoBox geoBox(JsonNode node) {
        double west = number(node, "west_degrees");
        double south = number(node, "south_degrees");
        double east = number(node, "east_degrees");
        double north = number(node, "north_degrees");
        String culprit = south < -90 ? "south_degrees"
                : north > 90 || south > north ? "north_degrees"
                : west < -360 ? "west_degrees"
                : "east_degrees";
        return parse(culprit, () -> new GeoBox(west, south, east, north));
    }

    private static <T> T parse(String field, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (RecordFormatException e) {
            throw e;
        } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
            // Translate domain validation into a format error that names the field.
            throw new RecordFormatException(field, e.getMessage());
        }
    }

    /**
     * Names every required field a record lacks at once, so a hand-written record is not mended
     * one field per attempt; a single one is named as any other bad field is.
     */
    private static void requirePresent(JsonNode node) {
        // Missing as each field's own reading finds it: absent, null, blank, or an empty array.
        List<String> absent = REQUIRED_FIELDS.stream().filter(field -> optionalText(node, field).isEmpty()).toList();
        if (absent.size() > 1) {
            throw new RecordFormatException(absent.getFirst(), "is required, and so " + (absent.size() > 2 ? "are " : "is ") + String.join(", ", absent.subList(1,
                    absent.size())) + " (every record has " + String.join(", ", REQUIRED_FIELDS) + ")");
        }
    }

    private static RecordFormatException missing(String field) {
        return new RecordFormatException(field, "is required");
    }

    /** A single value, accepting a one-element array the way ESGF dumps sometimes carry it. */
    private static Optional<JsonNode> single(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isArray()) {
            if (value.isEmpty()) {
                return Optional.empty();
            }
            if (value.size() > 1) {
                throw new RecordFormatException(field, "expected one value, got " + value.size());
            }
            value = value.get(0);
        }
        if (value.isContainer()) {
            throw new RecordFormatException(field, "expected a plain value, got an object or nested array");
        }
        return Optional.of(value);
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        return single(node, field).map(JsonNode::asString).filter(text -> !text.isBlank());
    }

    private static String requiredText(JsonNode node, String field) {
        return optionalText(node, field).orElseThrow(() -> missing(field));
    }

    private static Optional<Long> optionalLong(JsonNode node, String field) {
        return single(node, field).map(value -> {
            if (value.isIntegralNumber()) {
                return value.asLong();
            }
            if (value.isString()) {
                try {
                    return Long.parseLong(value.asString().strip());
                } catch (NumberFormatException e) {
                    throw new RecordFormatException(field, "expected a whole number, got '" + value.asString() + "'");
                }
            }
            throw new RecordFormatException(field, "expected a whole number, got " + value);
        });
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = single(node, field).orElseThrow(() -> missing(field));
        if (value.isNumber()) {
            return value.asDouble();
        }
        try {
            return Double.parseDouble(value.asString());
        } catch (NumberFormatException e) {
            throw new RecordFormatException(field, "expected a number, got '" + value.asString() + "'");
        }
    }

    private static boolean flag(JsonNode node, String field, boolean absent) {
        return single(node, field).map(value -> {
            if (value.isBoolean()) {
                return value.asBoolean();
            }
            String text = value.asString().strip().toLowerCase(Locale.ROOT);
            return switch (text) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new RecordFormatException(field, "expected true or false, got '" + value.asString() + "'");
            };
        }).orElse(absent);
    }

    private static Optional<Instant> optionalInstant(JsonNode node, String field) {
        return optionalText(node, field).map(text -> parse(field, () -> Instant.parse(text)));
    }

    private static List<String> values(String field, JsonNode value) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode element : value) {
                values.add(scalar(field, element));
            }
        } else {
            values.add(scalar(field, value));
        }
        return values;
    }

    private static String scalar(String field, JsonNode value) {
        if (value.isContainer() || value.isNull()) {
            throw new RecordFormatException(field, "values must be strings, numbers or booleans");
        }
        return value.asString();
    }
}
