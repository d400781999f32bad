package io.strata.common.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.common.jobs.Job;
import io.strata.common.jobs.JobService;
import io.strata.common.persistence.JsonColumns;
import io.strata.common.testapp.CopyAnswered;
import io.strata.common.testapp.CopyOperation;
import io.strata.common.testapp.CopyOperations;
import io.strata.common.testapp.CopyRefused;
import io.strata.common.testapp.CopyWork;
import io.strata.contracts.events.EventCodec;
import io.strata.contracts.jobs.JobState;
import io.strata.contracts.jobs.JobView;
import io.strata.testing.StrataTestEnvironment;

/**
 * The operation machine against a real database and broker, with a test family ({@link CopyOperations}) that
 * records which hooks ran: replies move operations on, worker steps run, failures undo before they are recorded,
 * overdue steps fail, and a restart picks worker steps up again.
 */
@QuarkusTest
@WithTestResource(StrataTestEnvironment.class)
class OperationMachineTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    OperationMachine machine;

    @Inject
    JobService jobs;

    @Inject
    EventCodec codec;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void forget() {
        CopyOperations.CALLS.clear();
    }

    @Test
    void aReplyFromAnotherServiceMovesTheOperationThroughItsWorkerStepToSuccess() {
        String resource = "volume-" + UUID.randomUUID();
        Job job = start(CopyOperation.COPY, resource, "a");
        OperationStep waiting = QuarkusTransaction.requiringNew().call(() -> machine.running(resource));
        assertThat(waiting.step).isEqualTo("ASK");
        assertThat(waiting.requestId).isEqualTo(job.id + "-ask");
        assertThat(CopyOperations.CALLS).containsExactly("request " + job.id + "-ask");

        StrataTestEnvironment.publish(codec, CopyOperations.COPIER, new CopyAnswered(waiting.requestId, "yes"));

        JobView done = awaitEnd(job.id);
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.step()).isEqualTo("copied a (yes)");
        assertThat(CopyOperations.CALLS).containsExactly("request " + job.id + "-ask", "work " + resource,
                "completed " + resource);
        assertThat(QuarkusTransaction.requiringNew().call(() -> machine.running(resource))).isNull();
        assertThat(registry.find("strata.operation.duration").tag("kind", "test.copy").tag("outcome", "succeeded")
                .timer().count()).isPositive();
    }

    @Test
    void aDuplicateOrUnknownReplyChangesNothing() {
        String resource = "volume-" + UUID.randomUUID();
        Job job = start(CopyOperation.COPY, resource, "b");
        String requestId = job.id + "-ask";
        QuarkusTransaction.requiringNew().run(() -> machine.reply(new CopyAnswered("nobody-asked", "no")));
        assertThat(QuarkusTransaction.requiringNew().call(() -> machine.running(resource)).step).isEqualTo("ASK");

        QuarkusTransaction.requiringNew().run(() -> machine.reply(new CopyAnswered(requestId, "first")));
        QuarkusTransaction.requiringNew().run(() -> machine.reply(new CopyAnswered(requestId, "second")));

        assertThat(awaitEnd(job.id).step()).isEqualTo("copied b (first)");
        assertThat(CopyOperations.CALLS).filteredOn(call -> call.startsWith("work")).hasSize(1);
    }

    @Test
    void aStepOfSeveralPartsEndsWhenEachHasAnsweredOnce() {
        String resource = "volume-" + UUID.randomUUID();
        Job job = start(CopyOperation.GATHERED_COPY, resource, "f");
        String step = job.id + "-gather";
        assertThat(CopyOperations.CALLS).containsExactly("request " + step + "/0", "request " + step + "/1",
                "request " + step + "/2");

        answer(step + "/2", "c");
        answer(step + "/0", "a");
        answer(step + "/0", "a again");
        answer(step, "not a part");
        answer(step + "/7", "no such part");
        assertThat(QuarkusTransaction.requiringNew().call(() -> machine.running(resource)).step).as(
                "one part has not answered yet").isEqualTo("GATHER");

        answer(step + "/1", "b");
        JobView done = awaitEnd(job.id);
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.step()).isEqualTo("copied f (c,a,b)");
    }

    @Test
    void aRefusedPartFailsTheStepOnceEveryPartHasAnswered() {
        String resource = "volume-" + UUID.randomUUID();
        Job job = start(CopyOperation.GATHERED_COPY, resource, "g");
        String step = job.id + "-gather";
        QuarkusTransaction.requiringNew().run(() -> machine.reply(new CopyRefused(step + "/1", "no room on 1")));
        answer(step + "/0", "a");
        assertThat(jobs.get(job.id).state().isTerminal()).as("part 2 may still be copying").isFalse();
        assertThat(CopyOperations.CALLS).noneMatch(call -> call.startsWith("undo"));

        QuarkusTransaction.requiringNew().run(() -> machine.reply(new CopyRefused(step + "/2", "no room on 2")));
        JobView failed = awaitEnd(job.id);
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.error()).as("the first refusal").isEqualTo("no room on 1");
        assertThat(CopyOperations.CALLS).endsWith("undo " + resource + " at GATHER", "failed " + resource
                + ": no room on 1");
    }

    private void answer(String requestId, String answer) {
        QuarkusTransaction.requiringNew().run(() -> machine.reply(new CopyAnswered(requestId, answer)));
    }

    @Test
    void aRefusalIsUndoneBeforeTheFailureIsRecorded() {
        String resource = "volume-" + UUID.randomUUID();
        Job job = start(CopyOperation.COPY, resource, "c");
        QuarkusTransaction.requiringNew().run(() -> machine.reply(new CopyRefused(job.id + "-ask", "no room")));

        JobView failed = awaitEnd(job.id);
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.error()).isEqualTo("no room");
        assertThat(CopyOperations.CALLS).containsExactly("request " + job.id + "-ask", "undo " + resource
                + " at ASK", "failed " + resource + ": no room");
        assertThat(QuarkusTransaction.requiringNew().call(() -> machine.running(resource))).isNull();
    }

    @Test
    void aFailingWorkerIsUndoneAndTheJobSaysWhy() {
        String resource = "volume-" + UUID.randomUUID();
        Job job = start(CopyOperation.QUICK_COPY, resource, "fail");

        JobView failed = awaitEnd(job.id);
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.error()).isEqualTo("disk full");
        assertThat(CopyOperations.CALLS).containsExactly("work " + resource, "undo " + resource + " at COPY",
                "failed " + resource + ": disk full");
    }

    @Test
    void aStepWithoutAnAnswerPastItsDeadlineFails() {
        String resource = "volume-" + UUID.randomUUID();
        Job job = start(CopyOperation.COPY, resource, "d");
        await().atMost(PATIENCE).until(() -> {
            machine.failOverdue();
            return jobs.get(job.id).state().isTerminal();
        });

        JobView failed = jobs.get(job.id);
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.error()).startsWith("No answer to the ask step of this test.copy within");
        assertThat(CopyOperations.CALLS).contains("undo " + resource + " at ASK");
    }

    @Test
    void afterARestartAWorkerStepRunsAgain() {
        String resource = "volume-" + UUID.randomUUID();
        // The state a crash leaves: the operation entered its worker step, and no worker runs it any more.
        Job job = QuarkusTransaction.requiringNew().call(() -> {
            Job created = jobs.create(CopyOperation.QUICK_COPY.jobKind(), resource, "tester");
            OperationStep row = new OperationStep();
            row.jobId = created.id;
            row.requestId = created.id + "-copy";
            row.kind = CopyOperation.QUICK_COPY.jobKind();
            row.resource = resource;
            row.step = "COPY";
            row.data = JsonColumns.mapper().valueToTree(new CopyWork("e", null, false));
            row.enteredAt = Instant.now();
            row.persist();
            return created;
        });
        assertThat(machine.handles(job.kind)).isTrue();

        machine.resume(QuarkusTransaction.requiringNew().call(() -> Job.findById(job.id)));

        assertThat(awaitEnd(job.id).state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(CopyOperations.CALLS).containsExactly("work " + resource, "completed " + resource);
    }

    @Test
    void aRestartFindingNoStepFailsTheJobWithAReason() {
        Job job = jobs.create(CopyOperation.QUICK_COPY.jobKind(), "volume-" + UUID.randomUUID(), "tester");

        machine.resume(job);

        JobView failed = jobs.get(job.id);
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.error()).contains("restarted and found nothing left of this operation");
    }

    private Job start(CopyOperation kind, String resource, String source) {
        return QuarkusTransaction.requiringNew().call(() -> machine.start(kind, resource, new CopyWork(source, null,
                false), "tester"));
    }

    private JobView awaitEnd(UUID jobId) {
        await().atMost(PATIENCE).until(() -> jobs.get(jobId).state().isTerminal());
        return jobs.get(jobId);
    }
}
