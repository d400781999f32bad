package io.strata.catalog.users;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The requests and answers of {@code /api/v1/auth} and {@code /api/v1/users}. */
public final class UserViews {

    private UserViews() {
    }

    /**
     * {@code POST /api/v1/auth/token}.
     *
     * @param username the user name
     * @param password the password
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SignIn(@NotBlank(message = "is required") String username,
            @NotBlank(message = "is required") String password) {

        /** What a request without a body is told. */
        public static final String REQUIRED = "is required: send a JSON body {\"username\", \"password\"}";

        @Override
        public String toString() {
            return "SignIn[username=" + username + "]";
        }
    }

    /**
     * A signed token, shown once.
     *
     * @param token the bearer token
     * @param expiresAt when it stops being valid
     */
    public record IssuedToken(String token, Instant expiresAt) {

        @Override
        public String toString() {
            return "IssuedToken[expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * {@code POST /api/v1/users}.
     *
     * @param username a unique user name
     * @param password at least 12 characters
     * @param roles one or more of admin, owner, reader
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CreateUser(
            @NotNull(message = USERNAME) @Pattern(regexp = "[a-z][a-z0-9._-]{0,62}", message = USERNAME) String username,
            @NotNull(message = PASSWORD) @Size(min = 12, max = 200, message = PASSWORD) String password,
            @NotEmpty(message = "is required: one or more of admin, owner, reader") List<@NotBlank(message = "must be admin, owner or reader") String> roles) {

        /** What a request without a body is told. */
        public static final String REQUIRED = "is required: send a JSON body {username, password, roles: [...]}";

        private static final String USERNAME = "is required: 1 to 63 lower-case letters, digits, '.', '_' or '-', "
                + "starting with a letter";
        private static final String PASSWORD = "is required: 12 to 200 characters";

        @Override
        public String toString() {
            return "CreateUser[username=" + username + ", roles=" + roles + "]";
        }
    }

    /**
     * A user as the API shows it: never the password or its hash.
     *
     * @param id the user's id
     * @param username the user name
     * @param roles the roles
     * @param createdAt when the user was made
     */
    public record UserView(String id, String username, List<String> roles, Instant createdAt) {
    }

    /**
     * {@code POST /api/v1/users/{id}/tokens}.
     *
     * @param name a name unique among the user's tokens, e.g. the pipeline it is for
     * @param expiresAt when it stops being valid (RFC 3339; default in 90 days)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CreateAccessToken(
            @NotNull(message = TOKEN_NAME) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 ._-]{0,127}", message = TOKEN_NAME) String name,
            Instant expiresAt) {

        /** What a request without a body is told. */
        public static final String REQUIRED = "is required: send a JSON body {name, expiresAt}";

        private static final String TOKEN_NAME = "is required: 1 to 128 letters, digits, spaces, '.', '_' or '-'";
    }

    /**
     * A personal access token as listed: never the token.
     *
     * @param id the token's id
     * @param name its name
     * @param createdAt when it was made
     * @param expiresAt when it stops being valid
     * @param revokedAt when it was revoked, or {@code null}
     */
    public record AccessTokenView(String id, String name, Instant createdAt, Instant expiresAt, Instant revokedAt) {
    }

    /**
     * A new personal access token: the only answer that carries it.
     *
     * @param id the token's id (to revoke it)
     * @param name its name
     * @param token the bearer token; store it now, it is not shown again
     * @param expiresAt when it stops being valid
     */
    public record NewAccessToken(String id, String name, String token, Instant expiresAt) {

        @Override
        public String toString() {
            return "NewAccessToken[id=" + id + ", name=" + name + ", expiresAt=" + expiresAt + "]";
        }
    }
}
