package io.strata.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.internal.WebSocketMessage;

/**
 * Exec sessions on fabric8's mock API server, the one stand-in allowed for Kubernetes: the request path the client
 * sends for a command, and the frames a kubelet would answer with, each at its own time (the mock server's stock
 * messages all go out at once and can lose the race with the socket's close).
 */
public final class KubernetesExec {

    private KubernetesExec() {
    }

    /** The exec request path for a command in a container of {@code namespace/pod}. */
    public static String path(String namespace, String pod, String container, List<String> command,
            boolean stdin) {
        return "/api/v1/namespaces/" + namespace + "/pods/" + pod + "/exec?" + command.stream().map(
                part -> "command=" + URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20")).collect(
                        Collectors.joining("&"))
                + "&container=" + container + (stdin ? "&stdin=true" : "") + "&stdout=true&stderr=true";
    }

    /** Expects one exec session of the command that answers with the frames. */
    public static void expect(KubernetesMockServer server, String namespace, String pod, String container,
            List<String> command, WebSocketMessage... frames) {
        var session = server.expect().get().withPath(path(namespace, pod, container, command, false))
                .andUpgradeToWebSocket().open();
        var emitting = session.waitFor(frames[0].getDelay()).andEmit(frames[0]);
        for (int i = 1; i < frames.length; i++) {
            emitting = emitting.waitFor(frames[i].getDelay()).andEmit(frames[i]);
        }
        emitting.done().once();
    }

    /** A frame on channel 1 (stdout), 2 (stderr) or 3 (the exit status) of the exec protocol, sent after delayMs. */
    public static WebSocketMessage frame(long delayMs, int channel, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 1];
        bytes[0] = (byte) channel;
        System.arraycopy(body, 0, bytes, 1, body.length);
        return new WebSocketMessage(delayMs, bytes, true, true);
    }

    /** The exit status frame, as the API server sends it. */
    public static WebSocketMessage exit(long delayMs, int code) {
        return frame(delayMs, 3, code == 0
                ? "{\"status\":\"Success\"}"
                : "{\"status\":\"Failure\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":"
                        + "\"ExitCode\",\"message\":\"" + code + "\"}]}}");
    }
}
