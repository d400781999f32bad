package io.strata.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@link Http} through the JDK's {@link HttpURLConnection}, on the calling thread.
 *
 * <p>
 * Not {@code java.net.http.HttpClient}: on JDK 17 making one costs 150 to 250 ms on two cores, and its selector thread,
 * waiting in native code, makes the JVM's exit wait another 300 ms (the VM gives threads in native code that long to
 * stop, and JDK 17's client cannot be closed): a {@code strata vdb list} took 0.7 s with it, under 0.2 s of it without
 * (docs/platform-notes.md). One request per run needs none of what that client adds.
 */
public final class JdkHttp implements Http {

    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 60_000;

    @Override
    public Answer send(String method, URI uri, Map<String, String> headers, String body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            connection.setRequestMethod(method);
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(READ_TIMEOUT_MS);
            connection.setUseCaches(false);
            headers.forEach(connection::setRequestProperty);
            if (body != null) {
                connection.setDoOutput(true);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            if (in == null) {
                return new Answer(status, "");
            }
            try (in) {
                return new Answer(status, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            connection.disconnect();
        }
    }
}
