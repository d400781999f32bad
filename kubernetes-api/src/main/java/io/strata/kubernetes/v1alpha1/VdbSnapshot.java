package io.strata.kubernetes.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A one-shot snapshot of a {@link VirtualDatabase} (as {@code POST /api/v1/vdbs/{id}/snapshot}): a point on its own timeline that a {@link VdbRewind} or a new virtual database can start from, run once when the resource is made. Deleting it deletes no snapshot. Reviewable in Git like any object; its status says how it went.
 */
@Group(StrataResources.GROUP)
@Version(StrataResources.VERSION)
@AdditionalPrinterColumn(name = "VirtualDatabase", jsonPath = ".spec.virtualDatabase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Complete", jsonPath = StrataResources.COMPLETE_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Job", jsonPath = ".status.jobState", type = AdditionalPrinterColumn.Type.STRING)
public class VdbSnapshot extends CustomResource<VdbTargetSpec, ActionStatus> implements Namespaced {

    @Override
    protected ActionStatus initStatus() {
        return new ActionStatus();
    }
}
