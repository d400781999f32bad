package io.strata.common.errors;

import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.logging.Log;
import io.strata.contracts.api.Problem;

/**
 * The one place where exceptions become answers. Every error a Strata API returns is problem+json with a detail that
 * says what is wrong and what to do; a bad field is named; a server fault gets an error id that is also in the log.
 */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return problem(e.status(), e.getMessage(), e.field());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        ConstraintViolation<?> first = e.getConstraintViolations().stream().findFirst().orElse(null);
        String field = first == null ? null : fieldOf(first);
        String detail = e.getConstraintViolations().stream()
                .map(violation -> (fieldOf(violation) == null ? "The request body" : pathOf(violation, true)) + " "
                        + violation.getMessage())
                .sorted().collect(Collectors.joining("; "));
        return problem(400, detail + ". Fix the request and send it again.", field);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e) {
        return JsonProblems.mapping(e);
    }

    /** Quarkus maps this subtype itself, to an empty 400; the user gets the field and the reason instead. */
    @ServerExceptionMapper
    public Response jsonMismatch(MismatchedInputException e) {
        return JsonProblems.mapping(e);
    }

    @ServerExceptionMapper
    public Response jsonSyntax(JsonParseException e) {
        return JsonProblems.syntax(e);
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e) {
        return e instanceof JsonMappingException mapping ? JsonProblems.mapping(mapping) : JsonProblems.syntax(e);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return problem(404, "No such path. The API lives under /api/v1 (see /q/openapi for every path).", null);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return problem(405, "This path does not accept that method; allowed: " + e.getResponse().getAllowedMethods()
                + ".", null);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            // The REST layer wraps a body it cannot read; the user gets where and why instead of "Bad Request".
            return jsonProcessing(json);
        }
        if (status >= 500) {
            return internal(e);
        }
        String detail = e.getMessage() != null ? e.getMessage() : Response.Status.fromStatusCode(status).toString();
        return problem(status, detail, null);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response internal(Throwable e) {
        String errorId = UUID.randomUUID().toString();
        Log.errorf(e, "Internal error %s: %s", errorId, e.getMessage());
        Problem problem = new Problem("about:blank", "Internal Server Error", 500,
                "The server failed: " + Errors.rootMessage(e) + ". It is logged under error id " + errorId
                        + "; if it happens again, report it with that id.",
                null, errorId);
        return Response.status(500).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** A problem response; used by filters too. */
    public static Response problem(int status, String detail, String field) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : "Error";
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, field, null)).build();
    }

    /** The body's field a violation is about ({@code name}, {@code from.dataset}, {@code tags}), or {@code null}. */
    static String fieldOf(ConstraintViolation<?> violation) {
        String path = pathOf(violation, false);
        return path.isEmpty() ? null : path;
    }

    /**
     * The path of a violation in the body: {@code create.request.tags[1].<list element>} is {@code tags[1]} with
     * {@code indexed}, else {@code tags}. The method and parameter Bean Validation puts in front are not the user's,
     * nor is the name it gives a list's element; the field leaves out the index too, so that it names a field the
     * API documents.
     */
    static String pathOf(ConstraintViolation<?> violation, boolean indexed) {
        StringBuilder path = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind != ElementKind.PROPERTY && kind != ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            if (indexed && node.isInIterable()) {
                path.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (kind == ElementKind.PROPERTY) {
                path.append(path.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return path.toString();
    }
}
