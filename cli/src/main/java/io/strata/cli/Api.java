package io.strata.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The public API ({@code /api/v1}) as the commands use it: JSON in and out, the token sent, a problem answer turned into
 * a {@link CliException} carrying the server's detail and the exit code of its status, and {@code --dry-run}: the
 * request that would change something printed instead of sent.
 */
public final class Api {

    /** Fields whose values are never printed, not even by {@code --dry-run}. */
    private static final Set<String> SECRET_FIELDS = Set.of("password", "privateKey", "token");
    private static final String MASK = "********";

    private final Session session;
    private final Config config;
    private final ObjectMapper json;
    private final boolean dryRun;

    /** An API client for one run. */
    public Api(Session session, Config config, ObjectMapper json, boolean dryRun) {
        this.session = session;
        this.config = config;
        this.json = json;
        this.dryRun = dryRun;
    }

    /** One path segment (a name or an id the user typed), encoded. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Whether requests are printed instead of sent. */
    public boolean dryRun() {
        return dryRun;
    }

    /** The server's base URL. */
    public String url() {
        return config.url();
    }

    /** Reads {@code path} (under {@code /api/v1}); sent even with {@code --dry-run}, as it changes nothing. */
    public JsonNode read(String path) {
        return exchange("GET", path, null, true);
    }

    /**
     * The request a command is for: sent, or with {@code --dry-run} printed (method, URL and JSON body, secrets
     * masked) and {@code null} returned.
     */
    public JsonNode call(String method, String path, Object body) {
        if (dryRun) {
            printRequest(method, path, body);
            return null;
        }
        return exchange(method, path, body, true);
    }

    /** Signing in: {@code POST /auth/token}, the only call that sends no token. */
    public JsonNode signIn(String url, Object credentials) {
        return exchange("POST", "/auth/token", credentials, false, url);
    }

    /** Reads {@code path} of the server at {@code url} with {@code token} (checking a token before keeping it). */
    public JsonNode readAs(String url, String token, String path) {
        Map<String, String> headers = headers(true);
        headers.put("Authorization", "Bearer " + token);
        return send("GET", URI.create(url + "/api/v1" + path), headers, null);
    }

    private JsonNode exchange(String method, String path, Object body, boolean authorized) {
        return exchange(method, path, body, authorized, config.url());
    }

    private JsonNode exchange(String method, String path, Object body, boolean authorized, String url) {
        Map<String, String> headers = headers(body != null);
        if (authorized) {
            String token = config.token();
            if (token == null) {
                throw new CliException(ExitCode.NOT_ALLOWED, "Not signed in: run `strata login` (or set STRATA_TOKEN "
                        + "to a personal access token).");
            }
            headers.put("Authorization", "Bearer " + token);
        }
        return send(method, URI.create(url + "/api/v1" + path), headers, body == null ? null : write(body));
    }

    private static Map<String, String> headers(boolean withBody) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (withBody) {
            headers.put("Content-Type", "application/json");
        }
        return headers;
    }

    private JsonNode send(String method, URI uri, Map<String, String> headers, String body) {
        Http.Answer answer;
        try {
            answer = session.http().send(method, uri, headers, body);
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new CliException(ExitCode.UNAVAILABLE, "Cannot reach " + uri.getScheme() + "://" + uri
                    .getAuthority() + " (" + why + "): is the server up? Set its address with `strata login --url` "
                    + "or STRATA_URL.");
        }
        if (answer.status() >= 400) {
            throw new CliException(ExitCode.ofStatus(answer.status()), problem(answer));
        }
        return answer.body() == null || answer.body().isBlank() ? json.nullNode() : parse(answer.body());
    }

    /** The server's own words: a problem's detail (its title when there is none), on one line. */
    private String problem(Http.Answer answer) {
        String message = null;
        try {
            JsonNode problem = json.readTree(answer.body() == null ? "" : answer.body());
            if (problem != null && problem.isObject()) {
                message = text(problem, "detail");
                message = message != null ? message : text(problem, "title");
            }
        } catch (JsonProcessingException e) {
            message = null;
        }
        if (message == null) {
            message = "HTTP " + answer.status() + (answer.body() == null || answer.body().isBlank()
                    ? ""
                    : ": " + answer.body().strip());
        }
        return message.replaceAll("\\s*\\R\\s*", " ");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCode.UNAVAILABLE, "The server answered something other than JSON: "
                    + e.getOriginalMessage());
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCode.INTERNAL, "cannot write the request: " + e.getOriginalMessage());
        }
    }

    private void printRequest(String method, String path, Object body) {
        session.out().println(method + " " + config.url() + "/api/v1" + path);
        if (body != null) {
            session.out().println("Content-Type: application/json");
            session.out().println();
            try {
                session.out().println(json.writerWithDefaultPrettyPrinter().writeValueAsString(masked(json
                        .valueToTree(body))));
            } catch (JsonProcessingException e) {
                throw new CliException(ExitCode.INTERNAL, "cannot write the request: " + e.getOriginalMessage());
            }
        }
    }

    /** A copy with every secret field's value replaced, however deep. */
    static JsonNode masked(JsonNode node) {
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = node.deepCopy();
            for (int i = 0; i < copy.size(); i++) {
                copy.set(i, masked(copy.get(i)));
            }
            return copy;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode copy = ((ObjectNode) node).objectNode();
        node.fields().forEachRemaining(field -> copy.set(field.getKey(), SECRET_FIELDS.contains(field.getKey())
                && !field.getValue().isNull() ? copy.textNode(MASK) : masked(field.getValue())));
        return copy;
    }
}
