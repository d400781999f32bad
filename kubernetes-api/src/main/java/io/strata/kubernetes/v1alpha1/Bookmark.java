package io.strata.kubernetes.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A bookmark of a {@link DataPod}: a snapshot of every virtual database of the pod, taken together and held. The same
 * thing as one made with {@code POST /api/v1/datapods/{id}/bookmarks}; the catalog service makes it and deletes it
 * (releasing its snapshots) when the resource goes.
 */
@Group(StrataResources.GROUP)
@Version(StrataResources.VERSION)
@ShortNames("bm")
@AdditionalPrinterColumn(name = "DataPod", jsonPath = ".spec.dataPod", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = StrataResources.READY_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "State", jsonPath = ".status.state", type = AdditionalPrinterColumn.Type.STRING)
public class Bookmark extends CustomResource<BookmarkSpec, BookmarkStatus> implements Namespaced {

    @Override
    protected BookmarkStatus initStatus() {
        return new BookmarkStatus();
    }
}
