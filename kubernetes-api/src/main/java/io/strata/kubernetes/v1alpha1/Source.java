package io.strata.kubernetes.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A linked production database or file tree: the same thing as one linked with {@code POST /api/v1/sources}. The
 * ingest service links it (the connection's password read from a Secret), syncs it by its policy, and deletes it
 * (staging copy, replication slot, unused snapshots) when the resource goes.
 */
@Group(StrataResources.GROUP)
@Version(StrataResources.VERSION)
@ShortNames("src")
@AdditionalPrinterColumn(name = "Engine", jsonPath = ".spec.engine", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = StrataResources.READY_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "State", jsonPath = ".status.state", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Last sync", jsonPath = ".status.lastSyncAt", type = AdditionalPrinterColumn.Type.DATE)
public class Source extends CustomResource<SourceSpec, SourceStatus> implements Namespaced {

    @Override
    protected SourceStatus initStatus() {
        return new SourceStatus();
    }
}
