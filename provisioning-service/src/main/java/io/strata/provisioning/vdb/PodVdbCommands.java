package io.strata.provisioning.vdb;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.strata.common.events.EventRoutes;
import io.strata.contracts.events.Topics;
import io.strata.contracts.provisioning.PodVdbCreateRequested;
import io.strata.contracts.provisioning.PodVdbDeleteRequested;
import io.strata.contracts.provisioning.PodVdbMoveRequested;
import io.strata.contracts.provisioning.PodVdbPowerRequested;
import io.strata.contracts.provisioning.PodVdbSnapshotRequested;

/**
 * The catalog service's commands about its data pods' virtual databases ({@link PodVdbs}), each in the event's
 * transaction: a command delivered twice is applied once.
 */
@ApplicationScoped
public class PodVdbCommands extends EventRoutes {

    @Inject
    PodVdbs podVdbs;

    public PodVdbCommands() {
        super(Set.of(Topics.CATALOG));
        on(PodVdbCreateRequested.class, request -> podVdbs.create(request));
        on(PodVdbSnapshotRequested.class, request -> podVdbs.snapshot(request));
        on(PodVdbMoveRequested.class, request -> podVdbs.move(request));
        on(PodVdbDeleteRequested.class, request -> podVdbs.delete(request));
        on(PodVdbPowerRequested.class, request -> podVdbs.power(request));
    }
}
