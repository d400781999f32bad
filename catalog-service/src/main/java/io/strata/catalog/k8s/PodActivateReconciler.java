package io.strata.catalog.k8s;

import java.util.Optional;
import java.util.UUID;

import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.quarkus.logging.Log;
import io.strata.catalog.datapods.PodBranchView;
import io.strata.common.errors.ApiException;
import io.strata.kubernetes.v1alpha1.ActionStatus;
import io.strata.kubernetes.v1alpha1.PodActivate;
import io.strata.kubernetes.v1alpha1.PodActivateSpec;

/**
 * Runs a {@link PodActivate} once, as {@code POST /api/v1/datapods/{id}/branches/{name}/activate}, the branch made
 * first from {@code spec.fromBookmark} when the pod has none of that name.
 */
@ControllerConfiguration(name = "podactivate")
public class PodActivateReconciler extends PodActionReconciler<PodActivateSpec, PodActivate> {

    @Override
    protected UUID start(String podId, PodActivateSpec spec, ActionStatus status) {
        Optional<PodBranchView> branch = pods.branches(podId).stream().filter(each -> each.name().equals(spec
                .getBranch())).findFirst();
        if (branch.isEmpty()) {
            if (spec.getFromBookmark() == null) {
                throw ApiException.badRequest("branch", "The data pod has no branch named " + spec.getBranch()
                        + "; name an existing one, or give spec.fromBookmark to make it from a bookmark.");
            }
            pods.createBranch(podId, spec.getBranch(), spec.getFromBookmark());
            Log.infof("Data pod %s: branch %s made from bookmark %s", podId, spec.getBranch(), spec
                    .getFromBookmark());
        } else if (branch.get().active()) {
            // Activating the active branch would be refused as busy-looking 409 and waited for without end.
            throw ApiException.badRequest("branch", "Branch " + spec.getBranch() + " is the pod's active branch "
                    + "already; there is nothing to activate.");
        }
        return pods.activate(podId, spec.getBranch()).job().id;
    }

    @Override
    protected String verb() {
        return "branch activation";
    }
}
