package io.strata.testing;

import java.util.List;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * Requests as a signed-in user would send them: {@link #given()} is RestAssured's {@code given()} with an admin's
 * bearer token, {@link #as} with another user's, {@link #anonymous()} with none.
 */
public final class Api {

    private Api() {
    }

    /** A request with the token of user {@code admin} (role admin). */
    public static RequestSpecification given() {
        return withToken(TestTokens.admin());
    }

    /** A request with the token of {@code username} holding {@code roles} ({@code admin}, {@code owner}, {@code reader}). */
    public static RequestSpecification as(String username, String... roles) {
        return withToken(TestTokens.of(username, List.of(roles)));
    }

    /** A request with {@code token} as its bearer token. */
    public static RequestSpecification withToken(String token) {
        return RestAssured.given().header("Authorization", "Bearer " + token);
    }

    /** A request with no token at all. */
    public static RequestSpecification anonymous() {
        return RestAssured.given();
    }
}
