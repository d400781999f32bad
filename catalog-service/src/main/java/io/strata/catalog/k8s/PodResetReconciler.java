package io.strata.catalog.k8s;

import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.strata.catalog.datapods.DataPodService;
import io.strata.catalog.datapods.DataPodViews.DataPodView;
import io.strata.kubernetes.v1alpha1.PodReset;
import io.strata.kubernetes.v1alpha1.PodResetSpec;
import io.strata.operator.ActionReconciler;

/** Runs a {@link PodReset} once, as {@code POST /api/v1/datapods/{id}/reset}. */
@ControllerConfiguration(name = "podreset")
public class PodResetReconciler extends ActionReconciler<PodResetSpec, PodReset> {

    @Inject
    DataPodService pods;

    @Override
    protected String targetName(PodReset resource) {
        return "DataPod " + resource.getMetadata().getNamespace() + "/" + resource.getSpec().getDataPod();
    }

    @Override
    protected Optional<String> target(PodReset resource) {
        return pods.managedBy(resource.getMetadata().getNamespace() + "/" + resource.getSpec().getDataPod()).map(
                DataPodView::id);
    }

    @Override
    protected UUID start(String podId, PodResetSpec spec) {
        return pods.reset(podId).job().id;
    }

    @Override
    protected String verb() {
        return "reset";
    }
}
