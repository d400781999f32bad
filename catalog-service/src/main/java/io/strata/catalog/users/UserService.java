package io.strata.catalog.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;
import io.strata.catalog.config.CatalogConfig;
import io.strata.catalog.users.UserViews.AccessTokenView;
import io.strata.catalog.users.UserViews.CreateAccessToken;
import io.strata.catalog.users.UserViews.CreateUser;
import io.strata.catalog.users.UserViews.IssuedToken;
import io.strata.catalog.users.UserViews.NewAccessToken;
import io.strata.catalog.users.UserViews.UserView;
import io.strata.common.errors.ApiException;
import io.strata.common.events.EventPublisher;
import io.strata.common.security.Caller;
import io.strata.common.security.RevokedTokens;
import io.strata.common.security.Role;
import io.strata.common.util.Ids;
import io.strata.contracts.auth.AccessTokenRevoked;

/**
 * Users and their tokens: signing in (with a wait after repeated failures), users made by admins, personal access
 * tokens made, listed and revoked by their user or an admin. A revocation reaches every service as
 * {@link AccessTokenRevoked}.
 */
@ApplicationScoped
public class UserService {

    /** A token's kind claim: from signing in. */
    public static final String SESSION = "session";
    /** A token's kind claim: a personal access token. */
    public static final String ACCESS_TOKEN = "access-token";

    private static final Duration DEFAULT_ACCESS_TOKEN_DURATION = Duration.ofDays(90);

    @Inject
    CatalogConfig config;

    @Inject
    PasswordHashes passwords;

    @Inject
    TokenIssuer issuer;

    @Inject
    EventPublisher events;

    @Inject
    RevokedTokens revokedTokens;

    @Inject
    Caller caller;

    private SignInThrottle throttle;

    @PostConstruct
    void init() {
        CatalogConfig.Auth auth = config.auth();
        throttle = new SignInThrottle(auth.failedSignInsBeforeDelay(), auth.firstSignInDelay(), auth.maxSignInDelay(),
                Clock.systemUTC());
    }

    /**
     * A session token for a user name and password; 401 for a wrong pair (without saying which half was wrong), 429
     * while the user name must wait after repeated failures.
     */
    @Transactional
    public IssuedToken signIn(String username, String password) {
        Duration wait = throttle.waitFor(username);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new ApiException(429, "Too many failed sign-ins for '" + username + "'; try again in " + seconds
                    + " s.", null);
        }
        User user = User.find("username", username).firstResult();
        boolean valid;
        if (user == null) {
            passwords.checkDecoy(password);
            valid = false;
        } else {
            valid = passwords.matches(user.passwordHash, password);
        }
        if (!valid) {
            throttle.failed(username);
            Log.infof("Failed sign-in for user name '%s'", username);
            throw ApiException.unauthorized("Wrong user name or password.");
        }
        throttle.succeeded(username);
        Instant expiresAt = Instant.now().plus(config.auth().sessionDuration());
        return new IssuedToken(issuer.sign(user, UUID.randomUUID().toString(), SESSION, expiresAt), expiresAt);
    }

    /** Makes a user (admins only, checked by the resource). */
    @Transactional
    public UserView create(CreateUser request) {
        List<String> roles = roles(request.roles());
        if (User.count("username", request.username()) > 0) {
            throw ApiException.conflict("A user named " + request.username() + " exists already; choose another "
                    + "name.");
        }
        User user = newUser(request.username(), request.password(), roles);
        Log.infof("User %s (%s) made with roles %s by %s", user.username, user.id, roles, caller.username());
        return view(user);
    }

    /** Every user, by name. */
    @Transactional
    public List<UserView> list() {
        return User.<User>listAll(Sort.by("username")).stream().map(UserService::view).toList();
    }

    /** One user, by id or name; {@code me} is the caller. */
    @Transactional
    public UserView get(String idOrName) {
        return view(require(idOrName));
    }

    /** Makes a personal access token for a user: the user themself or an admin. */
    @Transactional
    public NewAccessToken createAccessToken(String idOrName, CreateAccessToken request) {
        User user = requireSelfOrAdmin(idOrName, "Making a token for another user");
        Instant now = Instant.now();
        Instant expiresAt = request.expiresAt() != null
                ? request.expiresAt()
                : now.plus(
                        DEFAULT_ACCESS_TOKEN_DURATION);
        if (!expiresAt.isAfter(now)) {
            throw ApiException.badRequest("expiresAt", "expiresAt must be in the future; got " + expiresAt + ".");
        }
        Duration max = config.auth().maxAccessTokenDuration();
        if (expiresAt.isAfter(now.plus(max))) {
            throw ApiException.badRequest("expiresAt", "expiresAt may be at most " + max.toDays() + " days ahead (by "
                    + now.plus(max) + "); make a new token when this one expires.");
        }
        if (AccessToken.count("userId = ?1 and name = ?2", user.id, request.name()) > 0) {
            throw ApiException.conflict("User " + user.username + " has a token named '" + request.name()
                    + "' already; choose another name or delete that one.");
        }
        AccessToken token = new AccessToken();
        token.id = Ids.next("pat");
        token.userId = user.id;
        token.name = request.name();
        token.createdAt = now;
        token.expiresAt = expiresAt;
        String signed = issuer.sign(user, token.id, ACCESS_TOKEN, expiresAt);
        token.tokenHash = sha256(signed);
        token.persist();
        Log.infof("Access token %s (%s) made for user %s by %s, valid until %s", token.name, token.id,
                user.username, caller.username(), expiresAt);
        return new NewAccessToken(token.id, token.name, signed, expiresAt);
    }

    /** A user's personal access tokens, newest first: the user themself or an admin. */
    @Transactional
    public List<AccessTokenView> accessTokens(String idOrName) {
        User user = requireSelfOrAdmin(idOrName, "Listing another user's tokens");
        return AccessToken.<AccessToken>list("userId", Sort.descending("createdAt"), user.id).stream()
                .map(UserService::view).toList();
    }

    /** Revokes a personal access token: every service refuses it from now on. Revoking twice is fine. */
    @Transactional
    public void revokeAccessToken(String idOrName, String tokenId) {
        User user = requireSelfOrAdmin(idOrName, "Revoking another user's token");
        AccessToken token = AccessToken.findById(tokenId);
        if (token == null || !token.userId.equals(user.id)) {
            throw ApiException.notFound("token of user " + user.username, tokenId);
        }
        if (token.revokedAt != null) {
            return;
        }
        token.revokedAt = Instant.now();
        revokedTokens.revoke(token.id, token.expiresAt);
        events.publish(new AccessTokenRevoked(token.id, user.id, token.expiresAt));
        Log.infof("Access token %s (%s) of user %s revoked by %s", token.name, token.id, user.username,
                caller.username());
    }

    /** Whether any user exists. */
    @Transactional
    boolean hasUsers() {
        return User.count() > 0;
    }

    /** Makes the first admin when there is no user at all; returns whether it did. */
    @Transactional
    boolean createFirstAdmin(String password) {
        if (User.count() > 0) {
            return false;
        }
        newUser("admin", password, List.of(Role.ADMIN.wireName()));
        return true;
    }

    private User newUser(String username, String password, List<String> roles) {
        User user = new User();
        user.id = Ids.next("usr");
        user.username = username;
        user.passwordHash = passwords.hash(password);
        user.roles = roles;
        user.createdAt = Instant.now();
        user.updatedAt = user.createdAt;
        user.persist();
        return user;
    }

    private User require(String idOrName) {
        String key = "me".equals(idOrName) ? caller.username() : idOrName;
        User user = key == null ? null : User.byIdOrName(key);
        if (user == null) {
            throw ApiException.notFound("user", idOrName);
        }
        return user;
    }

    private User requireSelfOrAdmin(String idOrName, String what) {
        User user = require(idOrName);
        if (!user.username.equals(caller.username())) {
            caller.requireAdmin(what);
        }
        return user;
    }

    private static List<String> roles(List<String> requested) {
        Set<String> roles = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            if (Role.fromWireName(requested.get(i)) == null) {
                throw ApiException.badRequest("roles[" + i + "]", "roles[" + i + "] must be one of " + Role.names()
                        + "; got '" + requested.get(i) + "'.");
            }
            roles.add(requested.get(i));
        }
        return List.copyOf(roles);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(
                    StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UserView view(User user) {
        return new UserView(user.id, user.username, user.roles, user.createdAt);
    }

    private static AccessTokenView view(AccessToken token) {
        return new AccessTokenView(token.id, token.name, token.createdAt, token.expiresAt, token.revokedAt);
    }
}
