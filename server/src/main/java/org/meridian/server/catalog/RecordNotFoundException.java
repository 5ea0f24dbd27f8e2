package org.meridian.server.catalog;

import java.util.Map;
import org.meridian.server.system.ProblemException;
import org.springframework.http.HttpStatus;

/** No record with the requested id is visible to the caller. Stable code: {@code record-not-found}. */
public class RecordNotFoundException extends ProblemException {
    private static final long serialVersionUID = 1L;

    private final String id;

    public RecordNotFoundException(String description, String id) {
        super("record-not-found", HttpStatus.NOT_FOUND, "Record not found",
                "This node has no " + description + " with id '" + id + "'");
        this.id = id;
    }

    @Override
    public Map<String, Object> members() {
        return Map.of("id", id);
    }
}
