package org.meridian.catalog;

/** Whether a record is offered to peer nodes ({@code FEDERATED}) or served by this node only. */
public enum Visibility {
    LOCAL,
    FEDERATED
}
