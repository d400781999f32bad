package io.strata.kubernetes.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A source masked on every sync: the same thing as one made with {@code POST /api/v1/masked-datasets}. The masking
 * service makes it, which masks the source's newest snapshot at once and each later one as it is taken; deleting the
 * resource deletes it and its masked snapshots (those no virtual database uses).
 */
@Group(StrataResources.GROUP)
@Version(StrataResources.VERSION)
@ShortNames("mds")
@AdditionalPrinterColumn(name = "Source", jsonPath = ".status.sourceId", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = StrataResources.READY_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Latest", jsonPath = ".status.latestSnapshot", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Masking", jsonPath = ".status.lastMasking", type = AdditionalPrinterColumn.Type.STRING)
public class MaskedDataset extends CustomResource<MaskedDatasetSpec, MaskedDatasetStatus> implements Namespaced {

    @Override
    protected MaskedDatasetStatus initStatus() {
        return new MaskedDatasetStatus();
    }
}
