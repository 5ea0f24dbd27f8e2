package org.meridian.catalog;

/**
 * Where a record version lives. Governed publishing applies an approved change to staging first
 * and promotes it to production; search serves production unless a caller asks for staging.
 */
public enum Stage {
    STAGING,
    PRODUCTION
}
