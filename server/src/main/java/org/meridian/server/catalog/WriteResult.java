package org.meridian.server.catalog;

import java.util.List;
import org.meridian.catalog.CatalogChange;

/**
 * What one write transaction did: the changes it appended to the log (in sequence order) and
 * how many submitted records were identical to what the catalog already held.
 */
public record WriteResult(List<CatalogChange> changes, int unchanged) {
    public WriteResult {
        changes = List.copyOf(changes);
        if (unchanged < 0) {
            throw new IllegalArgumentException("unchanged must not be negative");
        }
    }

    public long lastSequence() {
        return changes.isEmpty() ? 0 : changes.get(changes.size() - 1).sequence();
    }
}
