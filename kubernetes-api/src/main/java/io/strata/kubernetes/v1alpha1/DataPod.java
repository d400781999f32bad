package io.strata.kubernetes.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A data pod: one virtual database per dataset of a template, all from one consistent point, bookmarked, reset and
 * branched together. The same thing as one made with {@code POST /api/v1/datapods}; the catalog service converges it
 * and deletes the pod (all its virtual databases) when the resource goes.
 */
@Group(StrataResources.GROUP)
@Version(StrataResources.VERSION)
@ShortNames("dp")
@AdditionalPrinterColumn(name = "Ready", jsonPath = StrataResources.READY_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "State", jsonPath = ".status.state", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Branch", jsonPath = ".status.activeBranch", type = AdditionalPrinterColumn.Type.STRING)
public class DataPod extends CustomResource<DataPodSpec, DataPodStatus> implements Namespaced {

    @Override
    protected DataPodStatus initStatus() {
        return new DataPodStatus();
    }
}
