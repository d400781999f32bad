package io.strata.common.errors;

/**
 * A refusal the user can act on: the HTTP status, and a detail that says what is wrong and what to do. Services
 * throw these from their service layer; {@link ProblemMapper} turns them into problem+json.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;

    public ApiException(int status, String detail, String field) {
        super(detail);
        this.status = status;
        this.field = field;
    }

    /** 404: the named thing does not exist. */
    public static ApiException notFound(String what, Object id) {
        return new ApiException(404,
                "No " + what + " with id " + id + " exists; list them with GET to find the right id.", null);
    }

    /** 400: a request field is wrong. */
    public static ApiException badRequest(String field, String detail) {
        return new ApiException(400, detail, field);
    }

    /** 401: the request carries no valid token; the detail says how to get one. */
    public static ApiException unauthorized(String detail) {
        return new ApiException(401, detail, null);
    }

    /** 403: the caller is known but may not do this; the detail names what is needed. */
    public static ApiException forbidden(String detail) {
        return new ApiException(403, detail, null);
    }

    /** 409: the request conflicts with the current state. */
    public static ApiException conflict(String detail) {
        return new ApiException(409, detail, null);
    }

    /** 503: the service cannot do it right now (a dependency is down); try again later. */
    public static ApiException unavailable(String detail) {
        return new ApiException(503, detail, null);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
