package io.strata.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strata job}: the long operations of every service. */
@Command(name = "job", description = "Jobs: the long operations of every service (each long request answers with "
        + "its job's id).")
final class JobCommand extends ApiCommand {

    @Command(name = "list", description = "List jobs, newest first.")
    int list(@Option(names = "--state", description = "PENDING, RUNNING, SUCCEEDED, FAILED or CANCELED.") String state,
            @Option(names = "--resource", description = "Only this resource's jobs.") String resource,
            @Option(names = "--limit", defaultValue = "20", description = "At most this many (default 20).") int limit) {
        String query = "?limit=" + limit + (state == null ? "" : "&state=" + Api.segment(state)) + (resource == null
                ? ""
                : "&resource=" + Api.segment(resource));
        return show("/jobs" + query, JOB_COLUMNS);
    }

    @Command(name = "watch", description = "Follow a job to its end: a progress bar on a terminal, a line per change "
            + "otherwise; exit code 6 when it fails.")
    int watch(@Parameters(paramLabel = "JOB", description = "The job's id.") String job) {
        output().one(root().follower().follow(job), JOB_COLUMNS);
        return ExitCode.OK;
    }
}
