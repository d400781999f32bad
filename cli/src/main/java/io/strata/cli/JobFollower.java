package io.strata.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Follows a job ({@code GET /jobs/{id}}) to its end for {@code --wait} and {@code strata job watch}: on a terminal one
 * line redrawn (a bar, the percent and the step), otherwise a plain line each time the state, percent or step changes,
 * both on standard error so that standard output keeps only the result.
 */
public final class JobFollower {

    /** The states a job ends in. */
    public static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "CANCELED");

    /**
     * How many times a job may be unknown before it counts as not found: through the router jobs are the catalog's
     * view, which learns of a new job from an event a moment after it was accepted.
     */
    static final int UNKNOWN_POLLS = 60;

    private static final int BAR = 24;
    private static final int STEP_WIDTH = 48;

    private final Api api;
    private final PrintWriter progress;
    private final boolean bar;
    private final Duration interval;

    /** Follows jobs through {@code api}, drawing on {@code progress}, looking every {@code interval}. */
    public JobFollower(Api api, PrintWriter progress, boolean bar, Duration interval) {
        this.api = api;
        this.progress = progress;
        this.bar = bar;
        this.interval = interval;
    }

    /** The job once it has ended; a {@link CliException} with {@link ExitCode#JOB_FAILED} unless it SUCCEEDED. */
    public JsonNode follow(String jobId) {
        String last = null;
        int unknown = 0;
        while (true) {
            JsonNode job;
            try {
                job = api.read("/jobs/" + Api.segment(jobId));
            } catch (CliException e) {
                if (e.exitCode() != ExitCode.NOT_FOUND || ++unknown >= UNKNOWN_POLLS) {
                    throw e;
                }
                pause();
                continue;
            }
            String line = line(job);
            if (!line.equals(last)) {
                draw(job, line);
                last = line;
            }
            String state = Column.text(job, "state");
            if (ENDED.contains(state)) {
                return ended(jobId, job, state);
            }
            pause();
        }
    }

    private JsonNode ended(String jobId, JsonNode job, String state) {
        if (bar) {
            progress.println();
            progress.flush();
        }
        if (!"SUCCEEDED".equals(state)) {
            String error = Column.text(job, "error");
            throw new CliException(ExitCode.JOB_FAILED, "job " + jobId + " (" + Column.text(job, "kind") + " "
                    + Column.text(job, "resource") + ") " + state + (Column.NONE.equals(error) ? "" : ": " + error));
        }
        return job;
    }

    /** What one look at the job shows, in a pipe. */
    static String line(JsonNode job) {
        String step = Column.text(job, "step");
        return String.format(Locale.ROOT, "%s %s %s %3d%%%s", Column.text(job, "kind"), Column.text(job, "resource"),
                Column.text(job, "state"), job.path("percent").asInt(), Column.NONE.equals(step) ? "" : " " + step);
    }

    /** What one look at the job shows on a terminal: a bar, the percent and the step, of a fixed width. */
    static String barLine(JsonNode job) {
        int percent = Math.max(0, Math.min(100, job.path("percent").asInt()));
        int filled = percent * BAR / 100;
        String step = Column.text(job, "step");
        step = Column.NONE.equals(step) ? Column.text(job, "state") : step;
        if (step.length() > STEP_WIDTH) {
            step = step.substring(0, STEP_WIDTH - 3) + "...";
        }
        return String.format(Locale.ROOT, "[%s%s] %3d%% %-" + STEP_WIDTH + "s", "#".repeat(filled), "-".repeat(BAR
                - filled), percent, step);
    }

    private void draw(JsonNode job, String line) {
        if (bar) {
            progress.print("\r" + barLine(job));
        } else {
            progress.println(line);
        }
        progress.flush();
    }

    /** Waits one polling interval (none in tests). */
    void pause() {
        if (interval.isZero()) {
            return;
        }
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERNAL, "interrupted while following a job");
        }
    }
}
