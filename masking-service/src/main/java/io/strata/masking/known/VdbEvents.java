package io.strata.masking.known;

import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.strata.common.events.EventRoutes;
import io.strata.contracts.events.Topics;
import io.strata.contracts.provisioning.VdbDeleted;
import io.strata.contracts.provisioning.VdbFailed;
import io.strata.contracts.provisioning.VdbReady;
import io.strata.contracts.provisioning.VdbView;

/** What masking hears from the provisioning service: which virtual databases run, and where. */
@ApplicationScoped
public class VdbEvents extends EventRoutes {

    public VdbEvents() {
        super(Set.of(Topics.PROVISIONING));
        on(VdbReady.class, ready -> ready(ready.vdb()));
        on(VdbFailed.class, failed -> changed(failed.vdbId(), KnownVdb.Status.FAILED));
        on(VdbDeleted.class, deleted -> changed(deleted.vdbId(), KnownVdb.Status.DELETED));
    }

    void ready(VdbView view) {
        KnownVdb vdb = KnownVdb.findById(view.id());
        if (vdb == null) {
            vdb = new KnownVdb();
            vdb.id = view.id();
        }
        vdb.name = view.name();
        vdb.engine = view.engine();
        vdb.parent = view.parent();
        vdb.status = KnownVdb.Status.RUNNING;
        if (view.connection() != null) {
            vdb.host = view.connection().host();
            vdb.port = view.connection().port();
            vdb.databaseName = view.connection().database();
            vdb.databaseUser = view.connection().user();
        }
        vdb.updatedAt = Instant.now();
        vdb.persist();
    }

    void changed(String id, KnownVdb.Status status) {
        KnownVdb vdb = KnownVdb.findById(id);
        if (vdb != null) {
            vdb.status = status;
            vdb.updatedAt = Instant.now();
        }
    }
}
