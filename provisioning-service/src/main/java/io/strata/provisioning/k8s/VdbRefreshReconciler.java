package io.strata.provisioning.k8s;

import java.util.UUID;

import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.strata.kubernetes.v1alpha1.ActionStatus;
import io.strata.kubernetes.v1alpha1.VdbRefresh;
import io.strata.kubernetes.v1alpha1.VdbRefreshSpec;
import io.strata.provisioning.vdb.PointRequest;

/** Runs a {@link VdbRefresh} once, as {@code POST /api/v1/vdbs/{id}/refresh}. */
@ControllerConfiguration(name = "vdbrefresh")
public class VdbRefreshReconciler extends VdbActionReconciler<VdbRefreshSpec, VdbRefresh> {

    @Override
    protected UUID start(String vdbId, VdbRefreshSpec spec, ActionStatus status) {
        return vdbs.refresh(vdbId, new PointRequest(spec.getSnapshot(), spec.getBookmark(), null)).id;
    }

    @Override
    protected String verb() {
        return "refresh";
    }
}
