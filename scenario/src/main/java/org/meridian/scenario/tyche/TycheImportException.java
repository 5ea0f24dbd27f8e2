package org.meridian.scenario.tyche;

import org.meridian.scenario.ScenarioException;

/**
 * A workbook or functions file that cannot be turned into a model: a missing sheet or column, an
 * index the functions file does not name. Stable code: {@code invalid-import}.
 */
public final class TycheImportException extends ScenarioException {
    public TycheImportException(String message) {
        super("invalid-import", message);
    }
}
