package io.strata.catalog.k8s;

import java.util.Optional;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.client.CustomResource;
import io.strata.catalog.datapods.DataPodService;
import io.strata.catalog.datapods.DataPodViews.DataPodView;
import io.strata.kubernetes.v1alpha1.ActionStatus;
import io.strata.kubernetes.v1alpha1.PodActionSpec;
import io.strata.operator.ActionReconciler;

/**
 * An action on the data pod of a DataPod resource of the same namespace, run through the same
 * {@link DataPodService} as its REST request.
 *
 * @param <S> the action's spec
 * @param <R> the action resource
 */
public abstract class PodActionReconciler<S extends PodActionSpec, R extends CustomResource<S, ActionStatus>>
        extends
            ActionReconciler<S, R> {

    @Inject
    DataPodService pods;

    @Override
    protected String targetName(R resource) {
        return "DataPod " + resource.getMetadata().getNamespace() + "/" + resource.getSpec().getDataPod();
    }

    @Override
    protected Optional<String> target(R resource) {
        return pods.managedBy(resource.getMetadata().getNamespace() + "/" + resource.getSpec().getDataPod()).map(
                DataPodView::id);
    }
}
