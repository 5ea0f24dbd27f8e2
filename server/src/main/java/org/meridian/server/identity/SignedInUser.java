package org.meridian.server.identity;

/**
 * A session principal that stands for one of our accounts. Only the account id is kept in the
 * session; roles are read afresh on every request, so a revoked role or a disabled account takes
 * effect at once rather than at the next sign-in.
 */
public interface SignedInUser {
    String userId();
}
