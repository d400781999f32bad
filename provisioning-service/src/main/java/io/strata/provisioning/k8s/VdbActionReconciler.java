package io.strata.provisioning.k8s;

import java.util.Optional;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.client.CustomResource;
import io.strata.contracts.provisioning.VdbView;
import io.strata.kubernetes.v1alpha1.ActionStatus;
import io.strata.kubernetes.v1alpha1.VdbTargetSpec;
import io.strata.operator.ActionReconciler;
import io.strata.provisioning.vdb.VdbService;

/**
 * An action on the virtual database of a VirtualDatabase resource of the same namespace.
 *
 * @param <S> the action's spec
 * @param <R> the action resource
 */
public abstract class VdbActionReconciler<S extends VdbTargetSpec, R extends CustomResource<S, ActionStatus>>
        extends
            ActionReconciler<S, R> {

    @Inject
    VdbService vdbs;

    @Override
    protected String targetName(R resource) {
        return "VirtualDatabase " + resource.getMetadata().getNamespace() + "/" + resource.getSpec()
                .getVirtualDatabase();
    }

    @Override
    protected Optional<String> target(R resource) {
        return vdbs.managedBy(resource.getMetadata().getNamespace() + "/" + resource.getSpec().getVirtualDatabase())
                .map(VdbView::id);
    }
}
