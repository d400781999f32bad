package io.strata.ingest.source;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduler;
import io.strata.common.errors.ApiException;
import io.strata.common.schema.SchemaReady;

/**
 * SnapSync: each ACTIVE source with a {@code syncPolicy.cron} gets a scheduled job that starts a sync, skipped (and
 * logged) when one is still running.
 */
@ApplicationScoped
public class SyncScheduler {

    @Inject
    Scheduler scheduler;

    @Inject
    SourceService sources;

    void onSchemaReady(@Observes SchemaReady ready) {
        QuarkusTransaction.requiringNew().call(() -> Source.<Source>list("syncCron is not null"))
                .forEach(source -> refresh(
                        source.id));
    }

    /** When the source's next scheduled sync starts, or {@code null}. */
    public java.time.Instant nextSync(String sourceId) {
        var trigger = scheduler.getScheduledJob("sync-" + sourceId);
        return trigger == null ? null : trigger.getNextFireTime();
    }

    /** Schedules, reschedules or unschedules a source's syncs after a change. */
    public synchronized void refresh(String sourceId) {
        String jobId = "sync-" + sourceId;
        scheduler.unscheduleJob(jobId);
        Source source = QuarkusTransaction.requiringNew().call(() -> Source.findById(sourceId));
        if (source == null || source.syncCron == null || source.state != Source.State.ACTIVE) {
            return;
        }
        scheduler.newJob(jobId).setCron(source.syncCron).setTask(execution -> {
            try {
                sources.sync(sourceId, false, "sync policy");
            } catch (ApiException e) {
                Log.infof("Scheduled sync of %s skipped: %s", sourceId, e.getMessage());
            }
        }).schedule();
    }
}
