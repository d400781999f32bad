package io.strata.provisioning.vdb;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.strata.common.events.EventRoutes;
import io.strata.contracts.events.Topics;
import io.strata.contracts.provisioning.DeleteWorkingVdbRequested;
import io.strata.contracts.provisioning.StopWorkingVdbRequested;
import io.strata.contracts.provisioning.WorkingVdbRequested;

/**
 * The masking service's commands about its working virtual databases ({@link WorkingVdbs}), each in the event's
 * transaction: a command delivered twice is applied once.
 */
@ApplicationScoped
public class WorkingVdbCommands extends EventRoutes {

    @Inject
    WorkingVdbs workingVdbs;

    public WorkingVdbCommands() {
        super(Set.of(Topics.MASKING));
        on(WorkingVdbRequested.class, request -> workingVdbs.request(request));
        on(StopWorkingVdbRequested.class, request -> workingVdbs.stop(request));
        on(DeleteWorkingVdbRequested.class, request -> workingVdbs.delete(request));
    }
}
