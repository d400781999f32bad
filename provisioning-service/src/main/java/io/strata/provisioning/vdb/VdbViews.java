package io.strata.provisioning.vdb;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Sort;
import io.strata.contracts.ingest.EnvironmentKind;
import io.strata.contracts.ingest.EnvironmentRef;
import io.strata.contracts.provisioning.VdbView;
import io.strata.provisioning.config.ProvisioningConfig;
import io.strata.provisioning.pods.PodWorkloads;

/** What the API and the events show of virtual databases. */
@ApplicationScoped
public class VdbViews {

    @Inject
    VdbContexts contexts;

    @Inject
    ProvisioningConfig config;

    /**
     * Every virtual database that is not deleted, oldest first; the working ones another service made for itself only
     * with {@code all} (they are its private copies, not the users').
     */
    @Transactional
    public List<VdbView> list(boolean all) {
        return Vdb.<Vdb>list(all ? "status <> ?1" : "status <> ?1 and purpose is null", Sort.ascending("createdAt"),
                Vdb.Status.DELETED).stream().map(this::view).toList();
    }

    /** The not deleted virtual databases {@code owner} owns, oldest first. */
    @Transactional
    public List<VdbView> listOwnedBy(String owner) {
        return Vdb.<Vdb>list("status <> ?1 and purpose is null and owner = ?2", Sort.ascending("createdAt"),
                Vdb.Status.DELETED, owner).stream().map(this::view).toList();
    }

    /** The view of one virtual database: where to connect, where it came from, how it is. */
    public VdbView view(Vdb vdb) {
        EnvironmentRef environment = contexts.environment(vdb.environmentId);
        String host;
        if (environment == null || environment.kind() == EnvironmentKind.LOCAL) {
            host = config.localAddress();
        } else if (environment.kind() == EnvironmentKind.KUBERNETES) {
            host = PodWorkloads.hostOf(vdb.name, environment.namespace());
        } else {
            host = environment.host();
        }
        return new VdbView(vdb.id, vdb.name, vdb.engine, vdb.status.name(), new VdbView.Connection(host, vdb.port,
                vdb.databaseName, vdb.databaseUser, vdb.path), vdb.parent, vdb.snapshotId, vdb.recoveryTime,
                vdb.environmentId, vdb.parameters, vdb.error, vdb.createdAt, vdb.purpose, vdb.owner);
    }
}
