package io.strata.contracts.api;

import java.util.Locale;

/**
 * The words of every 401, the same on the router and on each service: how to get a token, and why one was refused.
 */
public final class TokenRefusals {

    /** How to get a token. */
    public static final String HOW_TO_SIGN_IN = "Get a token with POST /api/v1/auth/token {\"username\", \"password\"}"
            + " (or a personal access token from POST /api/v1/users/{id}/tokens) and send it as 'Authorization: "
            + "Bearer <token>'.";

    /** The answer to a request without a token. */
    public static final String MISSING = "This endpoint needs a token. " + HOW_TO_SIGN_IN;

    private TokenRefusals() {
    }

    /**
     * Why a token was refused, in words, followed by how to get one. The verifier's own messages can quote the token,
     * which must not be echoed anywhere, so only their gist is used.
     */
    public static String refused(Throwable failure) {
        Throwable cause = failure;
        StringBuilder messages = new StringBuilder();
        while (cause != null) {
            messages.append(' ').append(cause.getMessage());
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        String detail = messages.toString().toLowerCase(Locale.ROOT);
        String reason;
        if (detail.contains("expir")) {
            reason = "The token has expired.";
        } else if (detail.contains("signature")) {
            reason = "The token's signature does not match this installation's signing key.";
        } else if (detail.contains("issuer")) {
            reason = "The token was not issued by Strata.";
        } else {
            reason = "The token is not a valid Strata token.";
        }
        return reason + " " + HOW_TO_SIGN_IN;
    }
}
