package io.strata.common.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.strata.common.config.StrataServiceConfig;
import io.strata.common.schema.SchemaReady;

/**
 * After a restart, hands each PENDING or RUNNING job to the {@link JobResumer} of its kind, and fails the rest with an
 * error saying the service restarted under them — a job must never stay RUNNING with nobody running it.
 */
@ApplicationScoped
public class JobRecovery {

    @Inject
    JobService jobs;

    @Inject
    @Any
    Instance<JobResumer> resumers;

    @Inject
    StrataServiceConfig config;

    void onSchemaReady(@Observes SchemaReady ready) {
        for (Job job : jobs.unfinished()) {
            JobResumer resumer = resumers.stream().filter(candidate -> candidate.handles(job.kind)).findFirst()
                    .orElse(null);
            try {
                if (resumer != null) {
                    Log.infof("Resuming %s job %s after a restart", job.kind, job.id);
                    resumer.resume(job);
                } else {
                    jobs.fail(job.id, "The " + config.service().name() + " service restarted while this job was "
                            + job.state + " and cannot resume jobs of kind " + job.kind + ". Run it again.");
                }
            } catch (RuntimeException e) {
                Log.errorf(e, "Could not recover job %s", job.id);
            }
        }
    }
}
