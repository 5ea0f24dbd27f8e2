package org.meridian.server.publishing;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.meridian.catalog.CatalogRecord;
import org.meridian.catalog.RecordFormatException;
import org.meridian.catalog.RecordId;
import org.meridian.catalog.RecordJson;
import org.meridian.catalog.Stage;
import org.meridian.catalog.search.InvalidQueryException;
import org.meridian.server.catalog.RecordNotFoundException;
import org.meridian.server.identity.Caller;
import org.meridian.server.publishing.RecordWrites.FieldNames;
import org.meridian.server.system.RequestIds;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Record writes over HTTP: {@code POST /api/v1/records} creates or replaces one record (a JSON
 * object) or many (an array), {@code PUT /api/v1/records/{id}} one by id, {@code DELETE} one by
 * id or many by repeated {@code id=}. Records are in the same JSON form the record API returns
 * and {@code meridian ingest} reads. Who may write what is {@link RecordWrites}'s business.
 */
@RestController
class RecordWriteController {
    private static final Set<String> WRITE_PARAMETERS = Set.of("stage", "organisation");
    private static final Set<String> REMOVE_PARAMETERS = Set.of("stage", "id");

    private final RecordWrites writes;
    private final RecordJson json = new RecordJson();

    RecordWriteController(RecordWrites writes) {
        this.writes = requireNonNull(writes, "writes is null");
    }

    @PostMapping(path = "/api/v1/records", consumes = MediaType.APPLICATION_JSON_VALUE)
    WriteSummary write(@RequestBody JsonNode body, @RequestParam MultiValueMap<String, String> parameters,
            Caller caller, HttpServletRequest request) {
        checkParameters(parameters, WRITE_PARAMETERS);
        boolean bulk = body.isArray();
        FieldNames names = bulk ? FieldNames.bulk() : FieldNames.single();
        List<CatalogRecord> records = new ArrayList<>();
        if (bulk) {
            for (int position = 0; position < body.size(); position++) {
                records.add(parse(body.get(position), position, names));
            }
        } else {
            records.add(parse(body, 0, names));
        }
        return writes.upsert(caller, RequestIds.of(request), stage(parameters),
                single(parameters, "organisation"), records, names);
    }

    @PutMapping(path = "/api/v1/records/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<WriteSummary> replace(@PathVariable String id, @RequestBody JsonNode body,
            @RequestParam MultiValueMap<String, String> parameters, Caller caller, HttpServletRequest request) {
        checkParameters(parameters, WRITE_PARAMETERS);
        CatalogRecord record = parse(body, 0, FieldNames.single());
        if (!record.id().value().equals(id)) {
            throw new InvalidRecordException("id", "The record's id '" + record.id().value()
                    + "' differs from the id in the path '" + id + "'");
        }
        WriteSummary summary = writes.upsert(caller, RequestIds.of(request), stage(parameters),
                single(parameters, "organisation"), List.of(record), FieldNames.single());
        return ResponseEntity.status(summary.created() == 1 ? HttpStatus.CREATED : HttpStatus.OK).body(summary);
    }

    @DeleteMapping("/api/v1/records/{id}")
    WriteSummary remove(@PathVariable String id, @RequestParam MultiValueMap<String, String> parameters,
            Caller caller, HttpServletRequest request) {
        checkParameters(parameters, Set.of("stage"));
        WriteSummary summary = writes.remove(caller, RequestIds.of(request), stage(parameters), List.of(recordId(id)));
        if (summary.removed() == 0) {
            throw new RecordNotFoundException("record", id);
        }
        return summary;
    }

    /**
     * Removes the records named by {@code id=} in the query or, since a URL holds only about eighty
     * CMIP6 ids before the container refuses its length, by a JSON array of ids in the body.
     */
    @DeleteMapping("/api/v1/records")
    WriteSummary removeAll(@RequestBody(required = false) List<String> body,
            @RequestParam MultiValueMap<String, String> parameters, Caller caller, HttpServletRequest request) {
        List<RecordId> ids = new ArrayList<>();
        if (body == null) {
            checkParameters(parameters, REMOVE_PARAMETERS);
            parameters.getOrDefault("id", List.of()).forEach(id -> ids.add(recordId(id)));
        } else {
            checkParameters(parameters, Set.of("stage"));
            for (int position = 0; position < body.size(); position++) {
                ids.add(listedId(body.get(position), position));
            }
        }
        return writes.remove(caller, RequestIds.of(request), stage(parameters), ids);
    }

    private static RecordId listedId(String id, int position) {
        if (id == null) {
            throw new InvalidRecordException("[" + position + "]", "Record ids are strings; position " + position
                    + " holds null");
        }
        try {
            return RecordId.of(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("[" + position + "]", "Not a record id: " + e.getMessage());
        }
    }

    private CatalogRecord parse(JsonNode node, int position, FieldNames names) {
        try {
            return json.read(node);
        } catch (RecordFormatException e) {
            throw new InvalidRecordException(names.of(position, e.field()), e.getMessage());
        }
    }

    private static RecordId recordId(String id) {
        try {
            return RecordId.of(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("id", "Not a record id: " + e.getMessage());
        }
    }

    private static Stage stage(MultiValueMap<String, String> parameters) {
        String value = single(parameters, "stage").orElse("production").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "production" -> Stage.PRODUCTION;
            case "staging" -> Stage.STAGING;
            default -> throw new InvalidQueryException("stage", "stage must be production or staging, got '" + value + "'");
        };
    }

    private static Optional<String> single(MultiValueMap<String, String> parameters, String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new InvalidQueryException(name, "Parameter " + name + " is given " + values.size() + " times");
        }
        return values.stream().findFirst().map(String::strip)
                .filter(value -> !value.isEmpty());
    }

    private static void checkParameters(MultiValueMap<String, String> parameters, Set<String> allowed) {
        for (String name : parameters.keySet()) {
            if (!allowed.contains(name)) {
                throw new InvalidQueryException(name, "Unknown parameter " + name + "; allowed here: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }
}
