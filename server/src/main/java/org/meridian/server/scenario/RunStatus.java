package org.meridian.server.scenario;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a scenario run is: waiting, evaluating, or finished one of three ways. */
public enum RunStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
