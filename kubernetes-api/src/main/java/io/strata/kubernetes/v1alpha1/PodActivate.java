package io.strata.kubernetes.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A one-shot branch activation of a {@link DataPod} (as {@code POST /api/v1/datapods/{id}/branches/{name}/activate}, the branch made first from {@code spec.fromBookmark} when the pod has none of that name): the branch left keeps what its virtual databases hold, which then run the activated branch's newest state under the same connections. Run once when the resource is made; deleting it undoes nothing. Reviewable in Git like any object; its status says how it went.
 */
@Group(StrataResources.GROUP)
@Version(StrataResources.VERSION)
@AdditionalPrinterColumn(name = "DataPod", jsonPath = ".spec.dataPod", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Complete", jsonPath = StrataResources.COMPLETE_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Job", jsonPath = ".status.jobState", type = AdditionalPrinterColumn.Type.STRING)
public class PodActivate extends CustomResource<PodActivateSpec, ActionStatus> implements Namespaced {

    @Override
    protected ActionStatus initStatus() {
        return new ActionStatus();
    }
}
