package io.strata.kubernetes.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A one-shot restore of a {@link DataPod} (as {@code POST /api/v1/datapods/{id}/restore}): every virtual database onto a bookmark, or recovered to a moment of the pod's timeline, run once when the resource is made; a {@link PodUndo} brings back what it replaced. Deleting it undoes nothing. Reviewable in Git like any object; its status says how it went.
 */
@Group(StrataResources.GROUP)
@Version(StrataResources.VERSION)
@AdditionalPrinterColumn(name = "DataPod", jsonPath = ".spec.dataPod", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Complete", jsonPath = StrataResources.COMPLETE_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Job", jsonPath = ".status.jobState", type = AdditionalPrinterColumn.Type.STRING)
public class PodRestore extends CustomResource<PodRestoreSpec, ActionStatus> implements Namespaced {

    @Override
    protected ActionStatus initStatus() {
        return new ActionStatus();
    }
}
