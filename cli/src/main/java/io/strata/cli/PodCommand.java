package io.strata.cli;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strata pod}: data pods, a template's datasets provisioned together, with bookmarks, resets and branches. */
@Command(name = "pod", description = "Data pods: one virtual database per dataset of a template, bookmarked, reset, "
        + "restored and branched together.")
final class PodCommand extends ApiCommand {

    static final List<Column> COLUMNS = List.of(Column.of("NAME", "name"), Column.of("ID", "id"), Column.of("STATUS",
            "status"), Column.of("TEMPLATE", "template"), Column.of("OWNERS", "owners"),
            new Column("VDBS",
                    pod -> PodCommand.vdbNames(pod)),
            Column.of("BRANCH", "activeBranch"), Column.of("RESET TO", "resetTo"), Column.of("EXPIRES", "expiresAt"),
            Column.of("ERROR", "error"));
    static final List<Column> BRANCH_COLUMNS = List.of(Column.of("NAME", "name"), Column.of("ACTIVE", "active"),
            Column.of("FROM BOOKMARK", "fromBookmark"), Column.of("CREATED", "createdAt"));
    private static final String PODS = "/datapods/";
    private static final String POD = "Its name or id.";
    private static final String WAIT = "Follow the job, then show the pod.";

    @Command(name = "list", description = "List the data pods (newest first).")
    int list() {
        return show("/datapods", COLUMNS);
    }

    @Command(name = "show", description = "Show one data pod.")
    int show(@Parameters(paramLabel = "POD", description = POD) String pod) {
        return show(PODS + Api.segment(pod), COLUMNS);
    }

    @Command(name = "create", description = "Make a data pod (a job): from a template's newest consistent point, or "
            + "a private copy of a pod's bookmark.")
    int create(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--template", description = "The template, by name or id.") String template,
            @Option(names = "--from-bookmark", paramLabel = "BOOKMARK") String bookmark,
            @Option(names = "--owner", paramLabel = "USER", description = "Another owner (repeatable).") List<String> owners,
            @Option(names = "--expires-at", description = "When it deletes itself (RFC 3339).") String expiresAt,
            @Option(names = "--protected", description = "Neither its expiry nor a delete removes it.") boolean protect,
            @Option(names = "--wait", description = WAIT) boolean wait, @Mixin KubernetesOutput k8s) {
        Body body = new Body().with("name", name).with("template", template).with("fromBookmark", bookmark).with(
                "owners", owners).with("expiresAt", expiresAt).flag("protected", protect);
        if (k8s.kubernetes) {
            return resource(CustomResource.dataPod(body));
        }
        return accepted(api().call("POST", "/datapods", body), wait, PODS, COLUMNS);
    }

    @Command(name = "bookmark", description = "Bookmark a data pod: one snapshot of every virtual database at once "
            + "(a job).")
    int bookmark(@Parameters(index = "0", paramLabel = "POD", description = POD) String pod,
            @Parameters(index = "1", paramLabel = "NAME", description = "The bookmark's name.") String name,
            @Option(names = "--tag", description = "A tag (repeatable).") List<String> tags,
            @Option(names = "--shared", description = "Shared with everyone.") boolean shared,
            @Option(names = "--expires-at", description = "When it goes (RFC 3339).") String expiresAt,
            @Option(names = "--wait", description = "Follow the job, then show the bookmark.") boolean wait,
            @Mixin KubernetesOutput k8s) {
        Body body = new Body().with("name", name).with("tags", tags).flag("shared", shared).with("expiresAt",
                expiresAt);
        if (k8s.kubernetes) {
            return resource(CustomResource.bookmark(pod, body));
        }
        return accepted(api().call("POST", PODS + Api.segment(pod) + "/bookmarks", body), wait, "/bookmarks/",
                BookmarkCommand.COLUMNS);
    }

    @Command(name = "restore", description = "Put every virtual database of a pod on a bookmark, or back to a moment "
            + "of its timeline (a job).")
    int restore(@Parameters(paramLabel = "POD", description = POD) String pod,
            @Option(names = "--bookmark") String bookmark,
            @Option(names = "--timestamp", description = "RFC 3339, within the pod's timeline.") String timestamp,
            @Option(names = "--wait", description = WAIT) boolean wait, @Mixin KubernetesOutput k8s) {
        return action(pod, "restore", new Body().with("bookmark", bookmark).with("timestamp", timestamp), wait, k8s,
                "PodRestore");
    }

    @Command(name = "reset", description = "Back where the last bookmark, restore or refresh left the pod (a job).")
    int reset(@Mixin Target pod, @Mixin KubernetesOutput k8s) {
        return action(pod.name, "reset", null, pod.wait, k8s, "PodReset");
    }

    @Command(name = "undo", description = "Undo the last refresh, restore, reset or undo (a job).")
    int undo(@Mixin Target pod, @Mixin KubernetesOutput k8s) {
        return action(pod.name, "undo", null, pod.wait, k8s, "PodUndo");
    }

    @Command(name = "refresh", description = "Every virtual database to the template's newest data (a job).")
    int refresh(@Mixin Target pod, @Mixin KubernetesOutput k8s) {
        return action(pod.name, "refresh", null, pod.wait, k8s, "PodRefresh");
    }

    @Command(name = "stop", description = "Stop every virtual database's engine (a job).")
    int stop(@Mixin Target pod) {
        return operation(pod.name, "stop", null, pod.wait);
    }

    @Command(name = "start", description = "Start a stopped pod again (a job).")
    int start(@Mixin Target pod) {
        return operation(pod.name, "start", null, pod.wait);
    }

    @Command(name = "delete", description = "Delete a pod and its virtual databases; its bookmarks stay (a job).")
    int delete(@Mixin Target pod) {
        return accepted(api().call("DELETE", PODS + Api.segment(pod.name), null), pod.wait, null, null);
    }

    @Command(name = "branch", description = "Make a branch of a pod's history, starting at a bookmark.")
    int branch(@Parameters(index = "0", paramLabel = "POD", description = POD) String pod,
            @Parameters(index = "1", paramLabel = "NAME", description = "The branch's name.") String name,
            @Option(names = "--from-bookmark", required = true, paramLabel = "BOOKMARK") String bookmark) {
        return answer(api().call("POST", PODS + Api.segment(pod) + "/branches", new Body().with("name", name).with(
                "fromBookmark", bookmark)), BRANCH_COLUMNS);
    }

    @Command(name = "branches", description = "List a pod's branches, the active one first.")
    int branches(@Parameters(paramLabel = "POD", description = POD) String pod) {
        return show(PODS + Api.segment(pod) + "/branches", BRANCH_COLUMNS);
    }

    @Command(name = "activate", description = "Switch a pod to a branch: its virtual databases run the branch's "
            + "newest state under the same connections (a job).")
    int activate(@Parameters(index = "0", paramLabel = "POD", description = POD) String pod,
            @Parameters(index = "1", paramLabel = "BRANCH") String branch,
            @Option(names = "--wait", description = WAIT) boolean wait, @Mixin KubernetesOutput k8s) {
        if (k8s.kubernetes) {
            return resource(CustomResource.action("PodActivate", "dataPod", pod, new Body().with("branch", branch)));
        }
        return operation(pod, "branches/" + Api.segment(branch) + "/activate", null, wait);
    }

    /** A pod's virtual databases by name, e.g. {@code qa-orders,qa-customers}. */
    static String vdbNames(JsonNode pod) {
        List<String> names = new java.util.ArrayList<>();
        pod.path("vdbs").forEach(member -> names.add(member.path("vdbName").asText()));
        return names.isEmpty() ? Column.NONE : String.join(",", names);
    }

    /** An operation that has a custom resource of its own ({@code kind}), printed instead with --kubernetes. */
    private int action(String pod, String operation, Body body, boolean wait, KubernetesOutput k8s, String kind) {
        if (k8s.kubernetes) {
            return resource(CustomResource.action(kind, "dataPod", pod, body));
        }
        return operation(pod, operation, body, wait);
    }

    private int operation(String pod, String operation, Body body, boolean wait) {
        return accepted(api().call("POST", PODS + Api.segment(pod) + "/" + operation, body), wait, PODS, COLUMNS);
    }
}
