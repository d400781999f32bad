package io.strata.kubernetes.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A virtual database: a writable thin clone of a dataset's snapshot, running. The same thing as one made with
 * {@code POST /api/v1/vdbs}; the provisioning service converges it and deletes the clone when the resource goes.
 */
@Group(StrataResources.GROUP)
@Version(StrataResources.VERSION)
@ShortNames("vdb")
@AdditionalPrinterColumn(name = "Ready", jsonPath = StrataResources.READY_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "State", jsonPath = ".status.state", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Host", jsonPath = ".status.host", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Port", jsonPath = ".status.port", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class VirtualDatabase extends CustomResource<VirtualDatabaseSpec, VirtualDatabaseStatus> implements Namespaced {

    @Override
    protected VirtualDatabaseStatus initStatus() {
        return new VirtualDatabaseStatus();
    }
}
