package io.strata.kubernetes.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A one-shot undo on a {@link DataPod} (as {@code POST /api/v1/datapods/{id}/undo}): every virtual database back on the state the pod's last refresh, restore, reset, undo or branch activation replaced, run once when the resource is made. Deleting it undoes nothing. Reviewable in Git like any object; its status says how it went.
 */
@Group(StrataResources.GROUP)
@Version(StrataResources.VERSION)
@AdditionalPrinterColumn(name = "DataPod", jsonPath = ".spec.dataPod", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Complete", jsonPath = StrataResources.COMPLETE_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Job", jsonPath = ".status.jobState", type = AdditionalPrinterColumn.Type.STRING)
public class PodUndo extends CustomResource<PodActionSpec, ActionStatus> implements Namespaced {

    @Override
    protected ActionStatus initStatus() {
        return new ActionStatus();
    }
}
