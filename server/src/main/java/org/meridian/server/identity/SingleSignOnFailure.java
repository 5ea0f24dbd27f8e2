package org.meridian.server.identity;

import java.util.Arrays;
import java.util.Optional;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

/**
 * Why a single sign-on did not complete, as the sign-in page tells the person. The audit log
 * keeps the precise reason; the page gives what they can act on.
 */
enum SingleSignOnFailure {
    PROVIDER_UNAVAILABLE("provider-unavailable",
            "The identity provider could not be reached. Try again later or sign in with a password."),
    UNTRUSTED_ISSUER("untrusted-issuer",
            "The identity provider's answer came from an issuer this node does not trust. Nobody was signed in."),
    INVALID_RESPONSE("invalid-response",
            "The identity provider's answer could not be verified. Nobody was signed in; try again."),
    ACCOUNT_DISABLED("account-disabled", "This account is disabled. Ask an administrator to enable it."),
    REFUSED_BY_PROVIDER("refused", "The identity provider did not sign you in.");

    /** Error codes our user service raises; the others are Spring's or the provider's. */
    static final String UNTRUSTED_ISSUER_CODE = "untrusted_issuer";
    static final String ACCOUNT_DISABLED_CODE = "account_disabled";

    private final String code;
    private final String message;

    SingleSignOnFailure(String code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The value of the sign-in page's {@code sso} parameter. */
    String code() {
        return code;
    }

    String message() {
        return message;
    }

    static Optional<SingleSignOnFailure> parse(String code) {
        return Arrays.stream(values()).filter(failure -> failure.code.equals(code)).findFirst();
    }

    static SingleSignOnFailure of(AuthenticationException exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof IdentityProviderRegistrations.ProviderUnavailable) {
                return PROVIDER_UNAVAILABLE;
            }
        }
        if (!(exception instanceof OAuth2AuthenticationException oauth)) {
            return INVALID_RESPONSE;
        }
        return switch (oauth.getError().getErrorCode()) {
            case UNTRUSTED_ISSUER_CODE -> UNTRUSTED_ISSUER;
            case ACCOUNT_DISABLED_CODE -> ACCOUNT_DISABLED;
            // RFC 6749 section 4.1.2.1: errors the provider sends back instead of a code.
            case "access_denied", "login_required", "consent_required", "interaction_required" -> REFUSED_BY_PROVIDER;
            default -> INVALID_RESPONSE;
        };
    }

    /** What the audit log records: the error code and Spring's or the provider's description. */
    static String auditReason(AuthenticationException exception) {
        if (exception instanceof OAuth2AuthenticationException oauth) {
            String description = oauth.getError().getDescription();
            return oauth.getError().getErrorCode() + (description == null ? "" : ": " + description);
        }
        Throwable cause = exception.getCause() == null ? exception : exception.getCause();
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
