package io.strata.hosts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.strata.engine.HostConnection;
import io.strata.engine.UserError;

/**
 * A container in a Kubernetes pod, reached through the API server's {@code exec} with the service's own client
 * (in-cluster service account or kubeconfig). Secrets travel on the exec's standard input, never in the command,
 * which the API server may write to its audit log.
 */
public final class KubernetesPod implements HostConnection {

    private final KubernetesClient client;
    private final String namespace;
    private final String pod;
    private final String container;
    private final String user;

    /**
     * @param client the Kubernetes client
     * @param namespace the pod's namespace
     * @param pod the pod's name
     * @param container the container commands run in
     * @param user the user the container runs commands as ({@code id -un} at registration)
     */
    public KubernetesPod(KubernetesClient client, String namespace, String pod, String container, String user) {
        this.client = client;
        this.namespace = namespace;
        this.pod = pod;
        this.container = container;
        this.user = user;
    }

    /**
     * Checks that the pod exists, runs and has the container (the first one when {@code container} is
     * {@code null}), and asks it which user commands run as; returns the connection to register.
     *
     * @throws UserError saying what is wrong and what to do
     */
    public static KubernetesPod probe(KubernetesClient client, String namespace, String pod, String container) {
        Pod found;
        try {
            found = client.pods().inNamespace(namespace).withName(pod).get();
        } catch (KubernetesClientException e) {
            throw explain(e, namespace, pod);
        }
        if (found == null) {
            throw new UserError("There is no pod " + pod + " in namespace " + namespace + ".",
                    "Check the namespace and the pod name (kubectl get pods -n " + namespace + ").");
        }
        List<String> containers = found.getSpec() == null || found.getSpec().getContainers() == null
                ? List.of()
                : found.getSpec().getContainers().stream().map(Container::getName).toList();
        String chosen = container;
        if (chosen == null || chosen.isBlank()) {
            if (containers.isEmpty()) {
                throw new UserError("Pod " + namespace + "/" + pod + " has no containers.", "Choose another pod.");
            }
            chosen = containers.get(0);
        } else if (!containers.contains(chosen)) {
            throw new UserError("Pod " + namespace + "/" + pod + " has no container " + chosen + "; it has "
                    + String.join(", ", containers) + ".", "Give one of those as container.");
        }
        String phase = found.getStatus() == null ? null : found.getStatus().getPhase();
        if (!"Running".equals(phase)) {
            throw new UserError("Pod " + namespace + "/" + pod + " is not running (phase " + phase + ").",
                    "Wait until it runs (kubectl get pod -n " + namespace + " " + pod + ") and try again.");
        }
        KubernetesPod candidate = new KubernetesPod(client, namespace, pod, chosen, null);
        Result who = candidate.run(List.of("id", "-un"), Map.of(), null, Duration.ofSeconds(30));
        if (who.exitCode() != 0 || who.stdout().isBlank()) {
            throw new UserError("Cannot run commands in container " + chosen + " of pod " + namespace + "/" + pod
                    + " (id -un exited with " + who.exitCode() + ").",
                    "The container needs a shell and the "
                            + "service account needs the pods/exec permission.",
                    who.stderr());
        }
        return new KubernetesPod(client, namespace, pod, chosen, who.stdout().strip());
    }

    /** The container commands run in. */
    public String container() {
        return container;
    }

    @Override
    public String describe() {
        return "pod " + namespace + "/" + pod + " (container " + container + ")";
    }

    /** The pod's IP address, which other pods reach it by; the pod's name while it has none. */
    @Override
    public String address() {
        try {
            Pod found = client.pods().inNamespace(namespace).withName(pod).get();
            String ip = found == null || found.getStatus() == null ? null : found.getStatus().getPodIP();
            return ip == null || ip.isBlank() ? pod : ip;
        } catch (KubernetesClientException e) {
            throw explain(e, namespace, pod);
        }
    }

    @Override
    public String user() {
        return user;
    }

    /**
     * Without a user, the pod is one that Strata made to run everything as the owner of its files: every command runs
     * as that uid, whatever user a plugin asks for.
     */
    @Override
    public List<String> as(String osUser, List<String> command) {
        return user == null ? command : HostConnection.super.as(osUser, command);
    }

    @Override
    public Result run(List<String> command, Map<String, String> environment, byte[] stdin, Duration timeout,
            Consumer<String> stderrLines) {
        List<String> arguments = RemoteCommands.withSecretPrologue(command, environment);
        byte[] input = RemoteCommands.input(environment, stdin);
        PodResource target = client.pods().inNamespace(namespace).withName(pod);
        var execution = target.inContainer(container);
        ExecWatch watch = null;
        try {
            watch = (input.length > 0 ? execution.redirectingInput() : execution).redirectingOutput()
                    .redirectingError().exec(arguments.toArray(String[]::new));
            CompletableFuture<String> stdout = RemoteCommands.read(watch.getOutput(), null);
            CompletableFuture<String> stderr = RemoteCommands.read(watch.getError(), stderrLines);
            // On its own thread, and only until the exit status came: writing after the session has closed would
            // make fabric8 fail the exit code ("could not send") that the command did send.
            RemoteCommands.feed(command.get(0), watch.getInput(), input, watch.exitCode()::isDone);
            int exitCode = awaitExit(watch, command, timeout, stderr);
            // The streams end when the session closes, which follows the exit status.
            watch.close();
            return new Result(exitCode, stdout.get(10, TimeUnit.SECONDS), stderr.get(10, TimeUnit.SECONDS));
        } catch (KubernetesClientException e) {
            throw explain(e, namespace, pod);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof KubernetesClientException cause) {
                throw explain(cause, namespace, pod);
            }
            throw new UserError("Running " + command.get(0) + " in " + describe() + " failed: " + e.getCause()
                    .getMessage() + ".", "Check that the pod runs and the API server is reachable.");
        } catch (TimeoutException e) {
            throw new UserError("The output of " + command.get(0) + " in " + describe() + " did not end.",
                    "The command can be retried.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted", null);
        } finally {
            if (watch != null) {
                watch.close();
            }
        }
    }

    /** The command's exit code, once the API server sends it; fails after {@code timeout} or without one. */
    private int awaitExit(ExecWatch watch, List<String> command, Duration timeout, CompletableFuture<String> stderr)
            throws InterruptedException, ExecutionException {
        Integer exitCode;
        try {
            exitCode = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new UserError(command.get(0) + " did not finish within " + timeout.toSeconds() + " s in "
                    + describe() + ".", "Check the pod's load, or raise the timeout.", stderr.getNow(""));
        }
        if (exitCode == null || exitCode < 0) {
            throw new UserError("The exec session with " + describe() + " ended without an exit code.",
                    "Check that the pod still runs; the command can be retried.", stderr.getNow(""));
        }
        return exitCode;
    }

    private static UserError explain(KubernetesClientException e, String namespace, String pod) {
        return switch (e.getCode()) {
            case 401 -> new UserError("The Kubernetes API server refused Strata's credentials.",
                    "Give the service a valid kubeconfig or service account token.");
            case 403 -> new UserError("Strata's Kubernetes account may not get or exec into pods in namespace "
                    + namespace + ".", "Grant it get on pods and create on pods/exec in " + namespace + ".",
                    e
                            .getMessage());
            case 404 -> new UserError("There is no pod " + pod + " in namespace " + namespace + ".",
                    "Check the namespace and the pod name (kubectl get pods -n " + namespace + ").");
            default -> new UserError("The Kubernetes API server could not be used: " + e.getMessage() + ".",
                    "Check the service's Kubernetes configuration (quarkus.kubernetes-client.api-server-url or "
                            + "its kubeconfig) and that the API server is reachable.");
        };
    }
}
