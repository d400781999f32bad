package io.strata.contracts.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An error as every Strata API returns it ({@code application/problem+json}, RFC 9457): what is wrong and what to do
 * about it, in {@link #detail()}.
 *
 * @param type a URI naming the kind of problem, {@code about:blank} when the status says it all
 * @param title the HTTP status phrase, e.g. {@code Bad Request}
 * @param status the HTTP status code
 * @param detail what is wrong and how to fix it, for a person
 * @param field the request field at fault, for 400 answers
 * @param errorId for 500 answers, the id under which the server logged the cause
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Problem(String type, String title, int status, String detail, String field, String errorId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null);
    }
}
