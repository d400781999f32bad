package io.strata.cli;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/** The one way the CLI talks to the server, so that tests can answer in its place. */
public interface Http {

    /**
     * Sends one request and returns its answer, whatever its status.
     *
     * @param method GET, POST, PUT, PATCH or DELETE
     * @param uri the full address
     * @param headers the request's headers
     * @param body a JSON body, or {@code null}
     * @throws IOException when the server cannot be reached
     */
    Answer send(String method, URI uri, Map<String, String> headers, String body) throws IOException;

    /**
     * A response.
     *
     * @param status its HTTP status
     * @param body its body, empty when there is none
     */
    record Answer(int status, String body) {
    }
}
