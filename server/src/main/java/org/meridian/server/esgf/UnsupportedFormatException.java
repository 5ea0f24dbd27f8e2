package org.meridian.server.esgf;

import java.util.Map;
import org.meridian.server.system.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * A {@code format} the ESGF search API does not offer. Stable code: {@code unsupported-format}.
 * The status is 501, as the original service answered; the detail carries its phrase.
 */
class UnsupportedFormatException extends ProblemException {
    private static final long serialVersionUID = 1L;

    UnsupportedFormatException(String format) {
        super("unsupported-format", HttpStatus.NOT_IMPLEMENTED, "Unsupported format",
                "Invalid requested format: " + format + " (supported: " + ResponseFormat.supported() + ")");
    }

    @Override
    public Map<String, Object> members() {
        return Map.of("parameter", "format");
    }
}
