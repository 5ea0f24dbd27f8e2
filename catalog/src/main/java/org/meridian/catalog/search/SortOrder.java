package org.meridian.catalog.search;

/** Result order. Every order ends with the record id so paging is stable. */
public enum SortOrder {
    /** Best score first (match-all queries score equally, so this is then id order). */
    RELEVANCE,
    /** Most recently cataloged first (ESGF {@code sort=true}). */
    NEWEST,
    /** Record id ascending (ESGF's order for File results). */
    ID
}
