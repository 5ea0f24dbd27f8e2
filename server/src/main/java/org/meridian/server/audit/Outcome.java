package org.meridian.server.audit;

/** How a privileged action ended. */
public enum Outcome {
    SUCCESS,
    /** Refused by authentication or authorisation; nothing changed. */
    DENIED,
    /** Attempted and allowed, but failed (e.g. invalid input); nothing changed. */
    FAILURE
}
