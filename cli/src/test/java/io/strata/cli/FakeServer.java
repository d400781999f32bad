package io.strata.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The server as a test plays it: answers queued per {@code METHOD path} (the path under {@code /api/v1}, with its
 * query), the requests recorded, and one run of the CLI with its standard output and error captured.
 */
final class FakeServer implements Http {

    /** One request as sent. */
    record Sent(String method, URI uri, Map<String, String> headers, String body) {

        String path() {
            return uri.getRawPath().substring("/api/v1".length()) + (uri.getRawQuery() == null
                    ? ""
                    : "?" + uri.getRawQuery());
        }
    }

    /** One run's exit code and output. */
    record Run(int exitCode, String out, String err) {
    }

    private final Map<String, Deque<Answer>> answers = new HashMap<>();
    private final List<Sent> sent = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>();
    private boolean unreachable;

    FakeServer() {
        env.put("STRATA_URL", "http://strata.test:8080");
        env.put("STRATA_TOKEN", "test-token");
    }

    /** Queues an answer to {@code METHOD path}; the last one queued repeats. */
    FakeServer answer(String request, int status, String body) {
        answers.computeIfAbsent(request, key -> new ArrayDeque<>()).add(new Answer(status, body));
        return this;
    }

    /** Makes every request fail as if nothing listened. */
    FakeServer unreachable() {
        unreachable = true;
        return this;
    }

    /** Sets (or, with null, removes) an environment variable of the runs. */
    FakeServer env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    List<Sent> sent() {
        return sent;
    }

    @Override
    public Answer send(String method, URI uri, Map<String, String> headers, String body) throws IOException {
        Sent request = new Sent(method, uri, headers, body);
        sent.add(request);
        if (unreachable) {
            throw new java.net.ConnectException("Connection refused");
        }
        Deque<Answer> queued = answers.get(method + " " + request.path());
        if (queued == null || queued.isEmpty()) {
            return new Answer(404, "{\"status\":404,\"title\":\"Not Found\",\"detail\":\"nothing at " + method + " "
                    + request.path() + " in this test\"}");
        }
        return queued.size() > 1 ? queued.poll() : queued.peek();
    }

    /** Runs {@code strata args} with {@code stdin} as standard input, in a pipe (no progress bar). */
    Run runWithInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Session session = new Session(env, this, new PrintWriter(out, true), new PrintWriter(err, true),
                new BufferedReader(new StringReader(stdin)), false, Duration.ZERO, prompt -> null);
        int code = Strata.run(session, args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs {@code strata args} with nothing on standard input. */
    Run run(String... args) {
        return runWithInput("", args);
    }
}
