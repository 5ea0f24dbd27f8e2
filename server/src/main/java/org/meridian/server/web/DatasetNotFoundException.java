package org.meridian.server.web;

/** No public dataset with the requested id on this node. Stable code: {@code record-not-found}; shown as a 404 page. */
class DatasetNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DatasetNotFoundException(String id) {
        super("This node has no dataset with the id " + id + ".");
    }
}
