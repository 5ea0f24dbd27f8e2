package org.meridian.server.publishing;

import java.util.Map;
import org.meridian.server.system.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * A record in a write request that cannot be written as it stands; names the field, prefixed
 * with the record's position in a bulk request ({@code records[3].dataset_id}).
 */
final class InvalidRecordException extends ProblemException {
    private static final long serialVersionUID = 1L;

    private final String field;

    InvalidRecordException(String field, String detail) {
        super("invalid-record", HttpStatus.BAD_REQUEST, "Invalid record", detail);
        this.field = field;
    }

    String field() {
        return field;
    }

    @Override
    public Map<String, Object> members() {
        return Map.of("field", field);
    }
}
