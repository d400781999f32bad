package io.strata.kubernetes.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A one-shot reset of a {@link DataPod} (as {@code POST /api/v1/datapods/{id}/reset}), the destructive-test loop: run once when the resource is made. Reviewable in Git like any object; its status says how it went. Deleting it undoes nothing.
 */
@Group(StrataResources.GROUP)
@Version(StrataResources.VERSION)
@AdditionalPrinterColumn(name = "DataPod", jsonPath = ".spec.dataPod", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Complete", jsonPath = StrataResources.COMPLETE_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Job", jsonPath = ".status.jobState", type = AdditionalPrinterColumn.Type.STRING)
public class PodReset extends CustomResource<PodActionSpec, ActionStatus> implements Namespaced {

    @Override
    protected ActionStatus initStatus() {
        return new ActionStatus();
    }
}
